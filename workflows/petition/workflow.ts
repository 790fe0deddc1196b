// One petition, one workflow (id = case number): the single authority on the case's state and
// deadlines. Commands arrive as Updates, validated against the pure rules before they are
// accepted (a refused command leaves nothing in the history); time arrives as timers, one for
// the earliest alarm of all running clocks. Every accepted change is projected to PostgreSQL
// with its audit events, in order, before the command's answer is returned.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { ProjectionActivities } from '../../activities/projection';
import type { RulesActivities } from '../../activities/rules';
import { applyEvents, stampEvents } from '../rules/lifecycle/apply';
import { nextAlarmAt, recomputeClock, type RuleContext } from '../rules/lifecycle/clocks';
import { COMMAND_NAMES, type CommandName } from '../rules/lifecycle/commands';
import { decide, type Decision } from '../rules/lifecycle/decide';
import { initialState } from '../rules/lifecycle/evolve';
import { CommandRefusal } from '../rules/lifecycle/refusal';
import { timerEvents } from '../rules/lifecycle/timers';
import { SYSTEM_ACTOR, type Actor, type PetitionEvent, type PetitionState } from '../rules/lifecycle/types';
import { commandUpdates, getStateQuery, rulesChangedSignal } from './definitions';
import type { CaseRules, CommandRequest, PetitionInput } from './types';

const projection = proxyActivities<ProjectionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const rulesActivities = proxyActivities<RulesActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Events per run before continuing as new, so a long-lived case keeps a bounded history. */
const EVENTS_PER_RUN = 500;

export async function petitionWorkflow(input: PetitionInput): Promise<PetitionState> {
  const { registration } = input;
  let rules: CaseRules;
  let state: PetitionState;
  const outbox: PetitionEvent[] = [];
  let projectedSeq: number;
  let rulesChanged = false;
  const firstSeqOfRun = input.carried?.state.seq ?? 0;

  if (input.carried) {
    ({ state, rules } = input.carried);
    projectedSeq = state.seq;
  } else {
    rules = await rulesActivities.loadCaseRules({ caseTypeCode: registration.caseTypeCode, categoryId: registration.categoryId, urgency: registration.urgency });
    const registeredAt = Date.now();
    const profile = { caseTypeCode: registration.caseTypeCode, categoryId: registration.categoryId, categoryLineage: rules.categoryLineage, urgency: registration.urgency, channel: registration.channel };
    const receivedAt = Date.parse(registration.receivedAt);
    state = initialState(registration.caseId, profile, receivedAt, registeredAt);
    const [registered] = stampEvents(state, [{ type: 'registered', caseId: registration.caseId, profile, receivedAt, registeredAt }], registration.registeredBy, registeredAt, null);
    state = applyEvents(state, [registered!]);
    await projection.projectCase({ registration, state, events: [registered!] });
    projectedSeq = state.seq;
  }

  const context = (): RuleContext => ({ now: Date.now(), calendar: rules.calendar, policies: rules.policies, settings: rules.settings });

  const accept = (decision: Decision, actor: Actor) => {
    const events = stampEvents(state, decision.events, actor, Date.now(), decision.reason);
    state = applyEvents(state, events);
    outbox.push(...events);
    return state.seq;
  };

  const refusalToFailure = (error: unknown): never => {
    if (error instanceof CommandRefusal) {
      throw ApplicationFailure.create({ type: error.code, message: error.message, details: error.fields ? [error.fields] : [], nonRetryable: true });
    }
    throw error;
  };

  // Units and cases named by a command must exist; the database knows, so an activity asks it.
  const requireExistingReferences = async (name: CommandName, raw: unknown) => {
    const refs = referencesOf(name, raw);
    if (refs.unitIds.length === 0 && refs.caseIds.length === 0) return;
    const missing = await rulesActivities.findMissingReferences(refs);
    const fields: Record<string, string> = {};
    for (const id of missing.unitIds) fields[`unit:${id}`] = 'no such active unit';
    for (const id of missing.caseIds) fields[`case:${id}`] = 'no such case';
    if (Object.keys(fields).length > 0) refusalToFailure(new CommandRefusal('invalidInput', `${name} names what does not exist`, fields));
  };

  for (const name of COMMAND_NAMES) {
    setHandler(
      commandUpdates[name],
      async (request: CommandRequest) => {
        await requireExistingReferences(name as CommandName, request.input);
        const seq = accept(decide(state, name as CommandName, request.input, request.actor, context()), request.actor);
        await condition(() => projectedSeq >= seq);
        return state;
      },
      {
        validator: (request: CommandRequest) => {
          try {
            decide(state, name as CommandName, request.input, request.actor, context());
          } catch (error) {
            log.info('command refused', { caseId: state.caseId, command: name, actorId: request.actor?.id, reason: (error as Error).message });
            refusalToFailure(error);
          }
        },
      },
    );
  }
  setHandler(getStateQuery, () => state);
  setHandler(rulesChangedSignal, () => {
    rulesChanged = true;
  });

  const flush = async () => {
    while (outbox.length > 0) {
      const batch = outbox.splice(0, outbox.length);
      // The state may already be ahead of the batch (commands accepted meanwhile); the
      // projection keeps the newest state and every batch's audit events.
      await projection.projectCase({ registration: null, state, events: batch });
      projectedSeq = batch[batch.length - 1]!.seq;
    }
  };

  while (!state.finished) {
    if (outbox.length > 0) {
      await flush();
      continue;
    }
    if (rulesChanged) {
      rulesChanged = false;
      rules = await rulesActivities.loadCaseRules({ caseTypeCode: state.profile.caseTypeCode, categoryId: state.profile.categoryId, urgency: state.profile.urgency });
      const recomputed = state.clocks.map((clock) => recomputeClock(clock, rules)).filter((clock, i) => clock.dueAt !== state.clocks[i]!.dueAt || clock.yellowAt !== state.clocks[i]!.yellowAt);
      if (recomputed.length > 0) accept({ events: [{ type: 'deadlinesRecomputed', clocks: recomputed }], reason: 'working-day calendar or policies changed' }, SYSTEM_ACTOR);
      continue;
    }
    const dueNow = timerEvents(state, { now: Date.now() });
    if (dueNow.length > 0) {
      accept({ events: dueNow, reason: null }, SYSTEM_ACTOR);
      continue;
    }
    if (state.seq - firstSeqOfRun >= EVENTS_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      if (outbox.length === 0) await continueAsNew<typeof petitionWorkflow>({ registration, carried: { state, rules } });
      continue;
    }
    const alarm = nextAlarmAt(state.clocks);
    const wake = () => outbox.length > 0 || rulesChanged || state.finished;
    if (alarm === null) await condition(wake);
    else await condition(wake, Math.max(1, alarm - Date.now()));
  }
  await flush();
  await condition(allHandlersFinished);
  return state;
}

function referencesOf(name: CommandName, raw: unknown): { unitIds: string[]; caseIds: string[] } {
  const input = (raw ?? {}) as { leadUnitId?: unknown; assistUnitIds?: unknown; redispatch?: { leadUnitId?: unknown; assistUnitIds?: unknown }; intoCaseId?: unknown };
  const ids = (...values: unknown[]) => values.flat().filter((v): v is string => typeof v === 'string');
  if (name === 'dispatch') return { unitIds: ids(input.leadUnitId, input.assistUnitIds), caseIds: [] };
  if (name === 'decideReturn' && input.redispatch) return { unitIds: ids(input.redispatch.leadUnitId, input.redispatch.assistUnitIds), caseIds: [] };
  if (name === 'merge') return { unitIds: [], caseIds: ids(input.intoCaseId) };
  return { unitIds: [], caseIds: [] };
}
