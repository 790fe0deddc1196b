// One opinion poll campaign (民意调查): calls its numbers, a few at a time (poll.maxConcurrentCalls),
// only within its calling hours, and calls a number that did not pick up again after a pause
// (poll.callRetrySeconds) up to the campaign's maxAttempts. Each call's end arrives as a signal
// from the status webhook. Supervisors pause (no new calls; calls under way finish), resume and
// cancel it (calls under way are hung up, patch `poll-cancel-hangs-up`) through validated
// Updates, which write the campaign's status and its audit row.
// A poll of thousands of numbers would outgrow Temporal's history limit (about 50k events; some
// 15 per call): past CONTINUE_AS_NEW_AFTER_EVENTS (or when the server suggests it) it stops
// placing calls, lets those under way end, and continues as new with what is left to call.
// Its database steps go through the step guard (../stuckSteps/guard.ts, patch `poll-step-guard`):
// one that keeps failing is reported as a stuck step and waits for its retry. The rule settings
// are read again after a resume and every few minutes (patch `poll-settings-reread`).
import { ActivityFailure, ApplicationFailure, allHandlersFinished, condition, continueAsNew, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { PlacedPollCall, PollCallActivities } from '../../activities/pollCalls';
import { createAlarms } from '../alarms';
import { retryStuckStepsSignal } from '../stuckSteps/definitions';
import { createStepGuard, GUARDED_ACTIVITY_RETRY } from '../stuckSteps/guard';
import { callingWindow } from './callingHours';
import { cancelPollUpdate, pausePollUpdate, pollCallEndedSignal, pollProgressQuery, resumePollUpdate, type CallEndStatus, type PollCommand } from './definitions';

type PollStepActivities = Omit<PollCallActivities, 'placePollCall' | 'hangUpPollCalls'>;

/** Before the `poll-step-guard` patch: the database steps retried without end. */
const unguardedActivities = proxyActivities<PollStepActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** A few tries each, then the step guard reports the step as stuck and takes over. */
const guardedActivities = proxyActivities<PollStepActivities>({
  startToCloseTimeout: '1 minute',
  retry: GUARDED_ACTIVITY_RETRY,
});

/** Patch: the database steps go through the step guard instead of retrying without end. */
const POLL_STEP_GUARD = 'poll-step-guard';
/** Patch: the settings are read again after a resume and every SETTINGS_REREAD_MS (before, once per run). */
const POLL_SETTINGS_REREAD = 'poll-settings-reread';
/** How often a running poll reads its settings again (an admin's change reaches it within this). */
const SETTINGS_REREAD_MS = 5 * 60_000;

/** Patch: cancelling hangs up the calls under way (before, they went on until they ended). */
const POLL_CANCEL_HANGS_UP = 'poll-cancel-hangs-up';

const hangingUp = proxyActivities<Pick<PollCallActivities, 'hangUpPollCalls'>>({
  startToCloseTimeout: '1 minute',
  // Twilio away: the calls end by themselves (their ring timeout, or CALL_END_WAIT_MS at worst).
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 3 },
});

const calling = proxyActivities<Pick<PollCallActivities, 'placePollCall'>>({
  startToCloseTimeout: '30 seconds',
  // A call Twilio cannot take after a few tries counts as a failed attempt (retried in its turn).
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 3 },
});

/** The longest wait for a call's final status callback; a lost one then counts as a failed call. */
const CALL_END_WAIT_MS = 30 * 60_000;

/** Well under the server's history limit, so that the calls under way can still end in this run. */
const CONTINUE_AS_NEW_AFTER_EVENTS = 10_000;

export interface PollCampaignInput {
  campaignId: string;
  /** What an earlier run of this campaign left (continue-as-new); absent on the first run. */
  carried?: CarriedPollState;
  /** History length at which the run continues as new (tests set a small one). */
  continueAsNewAfterEvents?: number;
  /** How often the settings are read again, ms (tests set a small one). */
  settingsRereadMs?: number;
}

/** The campaign's progress handed from one run to the next. */
export interface CarriedPollState {
  waiting: Waiting[];
  paused: boolean;
  done: number;
  calls: number;
}

export interface PollCampaignOutcome {
  campaignId: string;
  outcome: 'finished' | 'cancelled';
  calls: number;
}

export interface Waiting {
  targetId: string;
  attempts: number;
  /** Not called again before this instant (epoch ms). */
  notBefore: number;
}

const refuse = (message: string) => ApplicationFailure.create({ type: 'invalidState', message, nonRetryable: true });

export async function pollCampaignWorkflow(input: PollCampaignInput): Promise<PollCampaignOutcome> {
  const { campaignId } = input;
  const alarms = createAlarms();
  const activities = guardedSteps(campaignId, alarms);
  const hangsUpOnCancel = patched(POLL_CANCEL_HANGS_UP);
  const rereadsSettings = patched(POLL_SETTINGS_REREAD);
  let plan = await activities.loadPollCampaign({ campaignId });
  const rereadEvery = input.settingsRereadMs ?? SETTINGS_REREAD_MS;
  let settingsReadAt = Date.now();
  /** Set by a resume: the settings may have changed while the poll was paused. */
  let resumedSinceRead = false;
  const carried = input.carried;
  const waiting: Waiting[] = carried ? carried.waiting : plan.targets.map((t) => ({ targetId: t.id, attempts: t.attempts, notBefore: 0 }));
  const eventLimit = input.continueAsNewAfterEvents ?? CONTINUE_AS_NEW_AFTER_EVENTS;
  const historyFull = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= eventLimit;
  let inFlight = 0;
  let done = carried?.done ?? 0;
  let calls = carried?.calls ?? 0;
  let paused = carried?.paused ?? false;
  let cancelled = false;
  /** Bumped by every event the main loop must look at again (a call over, a command). */
  let changes = 0;
  const endedCalls = new Map<string, CallEndStatus>();
  /** Calls placed and not yet ended: what a cancel hangs up. */
  const liveCalls = new Set<string>();

  setHandler(pollCallEndedSignal, ({ callSid, outcome }) => {
    if (!endedCalls.has(callSid)) endedCalls.set(callSid, outcome);
  });
  setHandler(pollProgressQuery, () => ({ status: cancelled ? 'cancelling' : paused ? 'paused' : 'running', inFlight, waiting: waiting.length, done }));
  setHandler(
    pausePollUpdate,
    async ({ actor, reason }: PollCommand) => {
      paused = true;
      changes++;
      await activities.setPollCampaignStatus({ campaignId, change: { status: 'paused', actor, reason } });
    },
    {
      validator: (_command: PollCommand) => {
        if (cancelled) throw refuse('the poll is cancelled');
        if (paused) throw refuse('the poll is paused already');
      },
    },
  );
  setHandler(
    resumePollUpdate,
    async ({ actor, reason }: PollCommand) => {
      paused = false;
      resumedSinceRead = true;
      changes++;
      await activities.setPollCampaignStatus({ campaignId, change: { status: 'running', actor, reason } });
    },
    {
      validator: (_command: PollCommand) => {
        if (cancelled) throw refuse('the poll is cancelled');
        if (!paused) throw refuse('the poll is not paused');
      },
    },
  );
  setHandler(
    cancelPollUpdate,
    async ({ actor, reason }: PollCommand) => {
      cancelled = true;
      changes++;
      await activities.setPollCampaignStatus({ campaignId, change: { status: 'cancelled', actor, reason } });
    },
    {
      validator: (_command: PollCommand) => {
        if (cancelled) throw refuse('the poll is cancelled already');
      },
    },
  );

  /** One call to one number, from placing it to recording its end. */
  const attempt = async (target: Waiting): Promise<void> => {
    const attemptNo = target.attempts + 1;
    const placed = await placeCall(campaignId, target.targetId, attemptNo);
    if (placed.status === 'skipped') {
      done++;
      return;
    }
    calls++;
    let outcome: string = 'failed';
    if (placed.status === 'placed') {
      const { callSid } = placed;
      liveCalls.add(callSid);
      // Placed while the cancel came: it is hung up too.
      if (hangsUpOnCancel && cancelled) await hangUp(campaignId, [callSid]);
      await alarms.waitFor(() => endedCalls.has(callSid), Date.now() + CALL_END_WAIT_MS);
      liveCalls.delete(callSid);
      outcome = endedCalls.get(callSid) ?? 'failed';
    }
    const endedByCancel = hangsUpOnCancel ? { endedByCancel: cancelled } : {};
    const result = await activities.recordPollAttempt({ targetId: target.targetId, attemptNo, outcome, maxAttempts: plan.maxAttempts, cancelling: cancelled, ...endedByCancel });
    if (result.final) done++;
    else waiting.push({ targetId: target.targetId, attempts: attemptNo, notBefore: Date.now() + plan.callRetrySeconds * 1000 });
  };

  const launch = (target: Waiting) => {
    inFlight++;
    void attempt(target).finally(() => {
      inFlight--;
      changes++;
    });
  };

  let continuing = false;
  for (;;) {
    if (cancelled || (waiting.length === 0 && inFlight === 0)) break;
    if (historyFull()) {
      continuing = true;
      break;
    }
    if (rereadsSettings && !paused && (resumedSinceRead || Date.now() >= settingsReadAt + rereadEvery)) {
      resumedSinceRead = false;
      plan = { ...plan, ...(await activities.readPollSettings({ campaignId })) };
      settingsReadAt = Date.now();
      continue;
    }
    const seen = changes;
    let wakeAt: number | null = null;
    if (!paused) {
      const now = Date.now();
      const window = callingWindow(now, plan.callingHours);
      if (window.open) {
        waiting.sort((a, b) => a.notBefore - b.notBefore);
        while (inFlight < plan.maxConcurrentCalls && waiting.length > 0 && waiting[0]!.notBefore <= now) launch(waiting.shift()!);
        // A number waiting out its pause: look again when it is due (a free line is a change).
        const next = waiting[0];
        if (next && inFlight < plan.maxConcurrentCalls) wakeAt = Math.min(next.notBefore, window.changesAt);
      } else if (waiting.length > 0) {
        wakeAt = window.changesAt;
      }
    }
    // Running: awake in time for the next read of the settings.
    if (rereadsSettings && !paused) wakeAt = Math.min(wakeAt ?? Infinity, settingsReadAt + rereadEvery);
    await alarms.waitFor(() => changes !== seen, wakeAt);
  }

  // Cancelled: the calls under way are hung up. Either way they end and are recorded; no new ones.
  if (cancelled && hangsUpOnCancel && liveCalls.size > 0) await hangUp(campaignId, [...liveCalls]);
  await condition(() => inFlight === 0);
  if (continuing && !cancelled) {
    await condition(allHandlersFinished);
    // A command that came while the last calls ended is in `paused`/`cancelled` already.
    if (!cancelled) {
      return continueAsNew<typeof pollCampaignWorkflow>({ campaignId, carried: { waiting, paused, done, calls }, continueAsNewAfterEvents: input.continueAsNewAfterEvents, settingsRereadMs: input.settingsRereadMs });
    }
  }
  if (cancelled) await activities.cancelRemainingPollTargets({ campaignId });
  else await activities.setPollCampaignStatus({ campaignId, change: { status: 'finished' } });
  await condition(allHandlersFinished);
  return { campaignId, outcome: cancelled ? 'cancelled' : 'finished', calls };
}

/** Hangs up calls of a cancelled poll; Twilio unreachable after the retries leaves them to end by themselves. */
async function hangUp(campaignId: string, callSids: string[]): Promise<void> {
  try {
    await hangingUp.hangUpPollCalls({ campaignId, callSids });
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
  }
}

/** Places one call; Twilio unreachable after the retries counts as a failed call. */
async function placeCall(campaignId: string, targetId: string, attemptNo: number): Promise<PlacedPollCall> {
  try {
    return await calling.placePollCall({ campaignId, targetId, attemptNo });
  } catch (error) {
    if (error instanceof ActivityFailure) return { status: 'failed', reason: error.cause?.message ?? error.message };
    throw error;
  }
}

/**
 * The poll's database steps: through the step guard (a step that keeps failing is a StuckStep an
 * admin retries, `retryStuckSteps`), or, for polls started before the patch, as they were.
 */
function guardedSteps(campaignId: string, alarms: ReturnType<typeof createAlarms>): PollStepActivities {
  if (!patched(POLL_STEP_GUARD)) return unguardedActivities;
  const guard = createStepGuard({ workflowId: workflowInfo().workflowId, pollCampaignId: campaignId }, alarms);
  setHandler(retryStuckStepsSignal, () => guard.retryNow());
  const steps = {} as Record<keyof PollStepActivities, (input: never) => Promise<unknown>>;
  for (const name of Object.keys(STEP_NAMES) as (keyof PollStepActivities)[]) {
    const run = guardedActivities[name] as (input: never) => Promise<unknown>;
    steps[name] = (stepInput) => guard.persist('poll', () => run(stepInput));
  }
  return steps as unknown as PollStepActivities;
}

/** Every database step of the poll (the record makes the compiler name a new one here). */
const STEP_NAMES = { loadPollCampaign: true, readPollSettings: true, recordPollAttempt: true, setPollCampaignStatus: true, cancelRemainingPollTargets: true } satisfies Record<keyof PollStepActivities, true>;
