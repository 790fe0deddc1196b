// Tells every open case that the rules changed, one visibility page at a time (definitions.ts).
// A pass lists the running petition workflows and signals them; a change that arrives during a
// pass starts another from the first page once the current page is told, because the cases
// already told may have reloaded their rules before that change was saved. The history stays
// short: the run continues as new when Temporal suggests it.
import { ActivityFailure, condition, continueAsNew, log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { createAlarms } from '../alarms';
import type { RulesBroadcastActivities } from '../../activities/rulesBroadcast';
import {
  RULES_BROADCAST_PAGE_SIZE,
  rulesBroadcastProgressQuery,
  rulesBroadcastRequestedSignal,
  type RulesBroadcastInput,
  type RulesBroadcastProgress,
  type RulesBroadcastRequest,
} from './definitions';

const { countOpenCases, listOpenCasePage, tellOpenCasesRulesChanged } = proxyActivities<RulesBroadcastActivities>({
  startToCloseTimeout: '5 minutes',
  // A page is signalled a few cases at a time; the heartbeat says the worker still lives.
  heartbeatTimeout: '30 seconds',
  // About five minutes of tries, then the pass shows as waiting (with the error) and is tried again later.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
});

/** A failed pass waits this long (or for the next change) before it starts over. */
const RETRY_FAILED_PASS_AFTER_MS = 10 * 60_000;

export async function rulesBroadcastWorkflow(input: RulesBroadcastInput = {}): Promise<RulesBroadcastProgress> {
  const carry = input.carried;
  const pageSize = input.pageSize ?? RULES_BROADCAST_PAGE_SIZE;
  let progress: RulesBroadcastProgress | undefined = carry?.progress;
  let restart = carry?.restart ?? false;
  const alarms = createAlarms();
  setHandler(rulesBroadcastRequestedSignal, (request: RulesBroadcastRequest) => {
    progress = progress ? { ...progress, requests: progress.requests + 1, lastRequest: request } : startedProgress(request);
    restart = true;
  });
  setHandler(rulesBroadcastProgressQuery, () => {
    if (!progress) throw new Error('the broadcast has not received its first request yet');
    return progress;
  });
  // Started with signal-with-start: the first request arrives as a signal with the start.
  await condition(() => progress !== undefined);
  let pageToken = carry?.pageToken;
  let passStarting = pageToken === undefined;

  for (;;) {
    if (passStarting) {
      restart = false;
      passStarting = false;
      progress = { ...progress!, state: 'running', pass: progress!.pass + 1, total: null, told: 0, closed: 0, passStartedAt: new Date().toISOString(), finishedAt: null, error: null, retryAt: null };
    }
    try {
      if (progress!.total === null) progress = { ...progress!, total: await countOpenCases() };
      const page = await listOpenCasePage({ pageToken, pageSize });
      const told = await tellOpenCasesRulesChanged({ caseIds: page.caseIds });
      progress = { ...progress!, told: progress!.told + told.told, closed: progress!.closed + told.closed };
      pageToken = page.nextPageToken;
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      // Visible on the admin screen and in the worker's log: never a silent endless retry.
      const retryAt = new Date(Date.now() + RETRY_FAILED_PASS_AFTER_MS).toISOString();
      progress = { ...progress!, state: 'waiting', error: error.cause?.message ?? error.message, retryAt };
      log.error('rules broadcast pass failed; it starts over at retryAt or at the next change', { error: progress.error, retryAt, told: progress.told });
      await alarms.waitFor(() => restart, Date.now() + RETRY_FAILED_PASS_AFTER_MS);
      pageToken = undefined;
      passStarting = true;
      continue;
    }
    if (restart || pageToken === undefined) {
      if (!restart) break;
      pageToken = undefined;
      passStarting = true;
    }
    if (workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof rulesBroadcastWorkflow>({ pageSize, carried: { progress: progress!, pageToken, restart } });
    }
  }
  progress = { ...progress!, state: 'done', finishedAt: new Date().toISOString() };
  return progress;
}

function startedProgress(request: RulesBroadcastRequest): RulesBroadcastProgress {
  return { state: 'running', pass: 0, requests: 1, lastRequest: request, total: null, told: 0, closed: 0, passStartedAt: request.requestedAt, finishedAt: null, error: null, retryAt: null };
}
