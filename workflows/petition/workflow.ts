// One petition, one workflow (id = case number): the single authority on the case's state and
// deadlines. Commands arrive as Updates, validated against the pure rules before they are
// accepted (a refused command leaves nothing in the history); time arrives as timers, one for
// the earliest alarm of all running clocks. Every accepted change is projected to PostgreSQL
// with its audit events, in order, before the command's answer is returned. Its I/O steps run
// through a step guard (../stuckSteps/guard.ts): a write that keeps failing leaves the step
// stuck and reported while the clocks keep running and commands answer (projection pending).
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  log,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { assistClockStoppedSignal, assistClocksChangedSignal, assistEventsSignal, assistWithdrawnSignal, assistWorkflowId } from '../assist/definitions';
import { assistWorkflow } from '../assist/workflow';
import { callbackAnsweredSignal, callbackExhaustedSignal, callbackStopSignal, callbackWorkflowId } from '../callback/definitions';
import { callbackWorkflow } from '../callback/workflow';
import type { NotificationActivities, NoticeInput } from '../../activities/notifications';
import { becameMajorEmergency, handlerNoticesFor, isMajorEmergency, majorEmergencyNotice, NOTICE_EVENTS, noticesFor, receiptNotice } from './notices';
import type { ProjectionActivities } from '../../activities/projection';
import type { RulesActivities } from '../../activities/rules';
import { proxyLocalSteps } from '../localActivities';
import { retryStuckStepsSignal } from '../stuckSteps/definitions';
import { createStepGuard, GUARDED_ACTIVITY_RETRY } from '../stuckSteps/guard';
import { ALARMS_NEVER_CANCELLED, createAlarms } from '../alarms';
import { patchesUnder, type PatchBaseline } from '../patches';
import { allowedCommands } from '../../rules/lifecycle/allowedCommands';
import { childEffects, type ChildEffect, type DelegationGates } from '../../rules/lifecycle/childEffects';
import { applyEvents, stampEvents } from '../../rules/lifecycle/apply';
import { DEFAULT_SETTINGS, nextAlarmAt, recomputeClock, withDispatchMode, type RuleContext } from '../../rules/lifecycle/clocks';
import { alignedSubClocks, handlingAssignment } from '../../rules/lifecycle/subUnits';
import { criticismEvents, criticismReason } from '../../rules/lifecycle/criticism';
import { COMMAND_NAMES, commandInputs, type CommandName } from '../../rules/lifecycle/commands';
import { callbackOutcome, decide, type Decision } from '../../rules/lifecycle/decide';
import { initialState } from '../../rules/lifecycle/evolve';
import { CommandRefusal } from '../../rules/lifecycle/refusal';
import { withReplyClocks } from '../../rules/lifecycle/supervision';
import { nextWakeAt, ownClocks, timerEvents } from '../../rules/lifecycle/timers';
import { SYSTEM_ACTOR, type Actor, type PetitionEvent, type PetitionState } from '../../rules/lifecycle/types';
import { allowedCommandsQuery, commandUpdates, getStateQuery, rulesChangedSignal } from './definitions';
import type { CaseRules, CommandAnswer, CommandRequest, PetitionInput } from './types';

// Guarded steps: a few tries by the activity, then the step is stuck and the guard takes over.
const GUARDED = { startToCloseTimeout: '30 seconds', retry: GUARDED_ACTIVITY_RETRY } as const;
/** Checks a command waits for: when the database cannot answer in a few seconds, the command is refused as unavailable. */
const CHECKS = {
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '2 seconds', maximumAttempts: 3 },
} as const;
type ReferenceChecks = Pick<RulesActivities, 'findMissingReferences' | 'isUnitBelow' | 'loadReclassifiedRules' | 'findAssignableHandler'>;
interface DatabaseSteps {
  projection: ProjectionActivities;
  notifications: NotificationActivities;
  rules: Pick<RulesActivities, 'loadCaseRules'>;
  referenceChecks: ReferenceChecks;
}

/** The case's database steps as activities of their own: each costs an activity task and a workflow task more. */
const activitySteps: DatabaseSteps = {
  projection: proxyActivities<ProjectionActivities>(GUARDED),
  notifications: proxyActivities<NotificationActivities>(GUARDED),
  rules: proxyActivities<Pick<RulesActivities, 'loadCaseRules'>>(GUARDED),
  referenceChecks: proxyActivities<ReferenceChecks>(CHECKS),
};
// Waits between tries longer than a second become workflow timers (the worker does not hold the
// workflow task for them, and the time-skipping test server skips them).
const LOCAL = { localRetryThreshold: '1 second' } as const;
/** The same steps as local activities: run by the worker inside the workflow task that asks for them. */
const localSteps: DatabaseSteps = {
  projection: proxyLocalSteps<ProjectionActivities>({ ...GUARDED, ...LOCAL }),
  notifications: proxyLocalSteps<NotificationActivities>({ ...GUARDED, ...LOCAL }),
  rules: proxyLocalSteps<Pick<RulesActivities, 'loadCaseRules'>>({ ...GUARDED, ...LOCAL }),
  referenceChecks: proxyLocalSteps<ReferenceChecks>({ ...CHECKS, ...LOCAL }),
};

/** Case events per run before continuing as new (about 17 history events each): a long-lived case keeps its history well under Temporal's limits. */
const EVENTS_PER_RUN = 200;

/** Patch: assisting units run as child workflows (cases dispatched before it keep their clocks). */
const ASSIST_CHILD_WORKFLOWS = 'assist-child-workflows';
/** Patch: notices to units' duty phones and to the citizen. */
const NOTIFICATIONS = 'notifications';
/** Patch: satisfaction callbacks run as child workflows (calls, then SMS). */
const CALLBACK_CHILD_WORKFLOWS = 'callback-child-workflows';
/** Patch: the citizen's receipt SMS (case number and query password) after registration. */
const RECEIPT_NOTICE = 'receipt-notice';
/** Patch: the urge that reaches `urge.criticismThreshold` is followed by a criticism notice (通报批评). */
const URGE_CRITICISM = 'urge-criticism';
/** Patch: the lead unit records its contact with the citizen (响应, recordContact). Histories
 * from before hold no such Update, so they replay unchanged; the marker records in each history
 * that has a contact which code version accepted it. */
const CITIZEN_CONTACT = 'citizen-contact';
/** Patch: the short database steps (rules, reference checks, projection, notices) run as local
 * activities, so a command or a registration costs one workflow task instead of three or four.
 * Histories from before replay their activity tasks; the marker records where a case switched. */
const LOCAL_DATABASE_STEPS = 'local-database-steps';
/** Patch: reclassify (case type, category, urgency) loads the new profile's rules before it is
 * decided and keeps them. Histories from before hold no such Update, so they replay unchanged;
 * the marker records in each reclassified history which code version accepted it. */
const RECLASSIFY = 'reclassify';
/** Patch: suspend (挂起) pauses every clock and wakes the case at the planned end to resume it;
 * resume moves the clocks later by the working days suspended. Histories from before hold no
 * suspension, so they replay unchanged; the marker records which code version accepted one. */
const SUSPEND = 'suspend';
/** Patch: a unit names the person who handles its assignment (assignHandler), checked in the
 * database before it is decided; the named handler is texted when named and when a clock of the
 * assignment turns yellow. Histories from before hold no such Update and so no handler to text:
 * they replay unchanged; the marker records in each history which code version accepted it. */
const ASSIGN_HANDLER = 'assign-handler';
/** Patch: each supervision notice carries its unit's reply clock (answerSupervision,
 * evaluateSupervisionAnswer; an unanswered notice escalates). Notices issued before it wait for
 * no reply; the marker records in each history the first notice that does. */
const SUPERVISION_REPLY = 'supervision-reply';
/** Patch: an unsatisfied callback waits for the office's decision (decideUnsatisfied) instead of
 * restarting handling at once. Asked when a callback answer is unsatisfied: histories from
 * before replay their automatic rehandle; the marker records where a case took the new road. */
const DECIDE_UNSATISFIED = 'decide-unsatisfied';
/** Patch: sub-dispatch down the tree (several sub-units, a third level, deadlines a set number of
 * working days before the parent's). Asked once when a case starts: cases started before keep one
 * sub-unit under the lead, due no later than the lead (`legacySubDispatch`). */
const SUB_DISPATCH_TREE = 'sub-dispatch-tree';
/** Patch: the handling modes of seeds 002/003: forwarding for information (转阅), marking it read and
 * a leader's instruction (领导批示, with its notice to the lead unit). Histories from before hold no
 * such Update; the marker records in each history which code version accepted the first one. */
const HANDLING_MODES = 'handling-modes';
const HANDLING_MODE_COMMANDS: ReadonlySet<CommandName> = new Set(['forwardForInformation', 'markForwardRead', 'attachLeaderInstruction']);
/** Patch: a case registered as, or reclassified to, a major emergency (重大紧急) is reported at once
 * to the leadership's and the duty room's phones (a notice activity histories from before lack). */
const MAJOR_EMERGENCY_NOTICE = 'major-emergency-notice';
/** Every patch above, taken with one marker by a case started since (../patches.ts). */
export const PETITION_PATCH_BASELINE: PatchBaseline = {
  id: 'petition-patches-2026-12',
  includes: new Set([
    ASSIST_CHILD_WORKFLOWS, NOTIFICATIONS, CALLBACK_CHILD_WORKFLOWS, RECEIPT_NOTICE, URGE_CRITICISM, CITIZEN_CONTACT, LOCAL_DATABASE_STEPS,
    RECLASSIFY, SUSPEND, ASSIGN_HANDLER, SUPERVISION_REPLY, DECIDE_UNSATISFIED, SUB_DISPATCH_TREE, HANDLING_MODES, MAJOR_EMERGENCY_NOTICE, ALARMS_NEVER_CANCELLED,
  ]),
};

export async function petitionWorkflow(input: PetitionInput): Promise<PetitionState> {
  // First, before any await (patches.ts).
  const isPatched = patchesUnder(PETITION_PATCH_BASELINE);
  const databaseSteps = () => (isPatched(LOCAL_DATABASE_STEPS) ? localSteps : activitySteps);
  const { registration } = input;
  // Set before the first await below: handlers registered meanwhile must not see them unset.
  let rules: CaseRules | undefined = input.carried?.rules;
  let state: PetitionState | undefined = input.carried?.state;
  const outbox: PetitionEvent[] = [];
  let projectedSeq = state?.seq ?? 0;
  let rulesChanged = false;
  const firstSeqOfRun = state?.seq ?? 0;
  let delegateAssists = input.carried?.delegateAssists ?? false;
  let delegateCallbacks = input.carried?.delegateCallbacks ?? false;
  // A run carried over from before the patch has no answer: it started before, so it keeps the old rule.
  const subDispatchTree = input.carried ? (input.carried.subDispatchTree ?? false) : isPatched(SUB_DISPATCH_TREE);
  /** Child workflow starts and signals caused by accepted events, run in order by the main loop once the event `afterSeq` is projected. */
  const effects: { describe: string; afterSeq: number; run: () => Promise<void> }[] = [];
  /** The seq of the events being accepted, which the effects they cause wait for. */
  let acceptingSeq = 0;
  const alarms = createAlarms(isPatched);
  const guard = createStepGuard({ workflowId: workflowInfo().workflowId, caseId: registration.caseId }, alarms);

  const current = (): { state: PetitionState; rules: CaseRules } => {
    if (!state || !rules) throw new CommandRefusal('invalidState', 'the case is still being registered; try again in a moment');
    return { state, rules };
  };
  const context = (): RuleContext => {
    const { state: st, rules: r } = current();
    // A case dispatched by phone or in writing runs its later clocks (and alarms) on that mode's policies.
    return withDispatchMode({ now: Date.now(), calendar: r.calendar, policies: r.policies, modePolicies: r.modePolicies, settings: r.settings, ...(subDispatchTree ? {} : { legacySubDispatch: true }) }, st.dispatchMode);
  };

  /** The context a callback answer is decided in (an unsatisfied one is where the patch applies). */
  const callbackContext = (satisfaction: unknown): RuleContext =>
    satisfaction === 'unsatisfied' ? { ...context(), unsatisfiedRehandlesAtOnce: !isPatched(DECIDE_UNSATISFIED) } : context();

  const accept = (decision: Decision, actor: Actor) => {
    const before = current().state;
    const issuesNotices = decision.events.some((e) => e.type === 'supervised');
    const data = issuesNotices && isPatched(SUPERVISION_REPLY) ? withReplyClocks(decision.events, context()) : decision.events;
    const events = stampEvents(before, data, actor, Date.now(), decision.reason);
    const after = applyEvents(before, events);
    state = after;
    outbox.push(...events);
    acceptingSeq = after.seq;
    queueEffects(before, after, events);
    // Rules loaded before the setting existed have none: the seeded default applies.
    const threshold = current().rules.settings.urgeCriticismThreshold ?? DEFAULT_SETTINGS.urgeCriticismThreshold;
    const criticism = criticismEvents(before, after, events, threshold);
    if (criticism.length > 0 && isPatched(URGE_CRITICISM)) return accept({ events: criticism, reason: criticismReason(threshold) }, SYSTEM_ACTOR);
    return after.seq;
  };

  const signalAssist = (assignmentId: string, describe: string, send: (handle: ReturnType<typeof getExternalWorkflowHandle>) => Promise<void>) => {
    effects.push({
      describe,
      afterSeq: acceptingSeq,
      run: async () => {
        try {
          await send(getExternalWorkflowHandle(assistWorkflowId(assignmentId)));
        } catch (error) {
          // The child may have finished already (all its clocks stopped): nothing to tell it.
          log.info('assist workflow not signalled', { caseId: registration.caseId, assignmentId, describe, error: (error as Error).message });
        }
      },
    });
  };

  const queueNotice = (notice: NoticeInput) => {
    effects.push({
      describe: `notice ${notice.template}`,
      afterSeq: acceptingSeq,
      run: async () => {
        await databaseSteps().notifications.notify(notice);
      },
    });
  };

  /** The gates of the child workflows: a patch asked the first time an event would start one. */
  const delegation: DelegationGates = {
    callbacks: { open: () => (delegateCallbacks ||= isPatched(CALLBACK_CHILD_WORKFLOWS)), isOpen: () => delegateCallbacks },
    assists: { open: () => (delegateAssists ||= isPatched(ASSIST_CHILD_WORKFLOWS)), isOpen: () => delegateAssists },
  };

  const queueChildEffect = (effect: ChildEffect) => {
    switch (effect.kind) {
      case 'startCallback':
        effects.push({
          describe: `start callback ${effect.callbackId}`,
          afterSeq: acceptingSeq,
          run: async () => {
            const { rules: r } = current();
            await startChild(callbackWorkflow, {
              workflowId: callbackWorkflowId(effect.callbackId),
              parentClosePolicy: ParentClosePolicy.ABANDON,
              // callbackCallRetryMinutes is absent from rules loaded before it existed: the child defaults it.
              args: [{ caseWorkflowId: workflowInfo().workflowId, caseId: registration.caseId, callbackId: effect.callbackId, maxAttempts: r.settings.callbackMaxAttempts, attemptWaitMinutes: r.settings.callbackAttemptWaitMinutes, callRetryMinutes: r.settings.callbackCallRetryMinutes }],
            });
          },
        });
        return;
      case 'stopCallback':
        effects.push({
          describe: `stop callback ${effect.callbackId}`,
          afterSeq: acceptingSeq,
          run: async () => {
            try {
              await getExternalWorkflowHandle(callbackWorkflowId(effect.callbackId)).signal(callbackStopSignal);
            } catch (error) {
              log.info('callback workflow not signalled', { caseId: registration.caseId, callbackId: effect.callbackId, error: (error as Error).message });
            }
          },
        });
        return;
      case 'startUnitClocks':
        effects.push({
          describe: `start unit clocks ${effect.assignmentId}`,
          afterSeq: acceptingSeq,
          run: async () => {
            await startChild(assistWorkflow, {
              workflowId: assistWorkflowId(effect.assignmentId),
              // The child outlives a continue-as-new of the case; it ends itself when withdrawn.
              parentClosePolicy: ParentClosePolicy.ABANDON,
              args: [{ caseWorkflowId: workflowInfo().workflowId, assignmentId: effect.assignmentId, unitId: effect.unitId, clocks: effect.clocks }],
            });
          },
        });
        return;
      case 'unitClockStopped':
        signalAssist(effect.assignmentId, `stop ${effect.clockKey}`, (h) => h.signal(assistClockStoppedSignal, effect.clockKey));
        return;
      case 'unitWithdrawn':
        signalAssist(effect.assignmentId, 'withdraw', (h) => h.signal(assistWithdrawnSignal));
        return;
      case 'unitClocksChanged':
        signalAssist(effect.assignmentId, 'clocks changed', (h) => h.signal(assistClocksChangedSignal, effect.clocks));
        return;
    }
  };

  const queueEffects = (before: PetitionState, after: PetitionState, events: PetitionEvent[]) => {
    if (events.some((e) => NOTICE_EVENTS.has(e.type)) && isPatched(NOTIFICATIONS)) {
      for (const notice of noticesFor(after, events)) queueNotice(notice);
    }
    // Only a case with a named handler calls for these: older histories never reach the patch.
    const handlerNotices = handlerNoticesFor(after, events);
    if (handlerNotices.length > 0 && isPatched(ASSIGN_HANDLER)) {
      for (const notice of handlerNotices) queueNotice(notice);
    }
    const emergency = becameMajorEmergency(events);
    if (emergency && isPatched(MAJOR_EMERGENCY_NOTICE)) queueNotice(majorEmergencyNotice(registration, emergency.seq));
    // Assisting units, sub-units and the callback run in child workflows (rules/lifecycle/childEffects.ts).
    for (const effect of childEffects(before, after, events, delegation)) queueChildEffect(effect);
  };

  const refusalToFailure = (error: unknown): never => {
    if (error instanceof CommandRefusal) {
      throw ApplicationFailure.create({ type: error.code, message: error.message, details: error.fields ? [error.fields] : [], nonRetryable: true });
    }
    throw error;
  };

  // A command's checks in the database answer within seconds or the command is refused (503),
  // rather than leaving the person who sent it waiting.
  const checkReferences = async <T>(check: () => Promise<T>): Promise<T> => {
    try {
      return await check();
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      throw ApplicationFailure.create({ type: 'unavailable', message: 'the database did not answer the command\'s checks; try again in a moment', nonRetryable: true });
    }
  };

  // Units and cases named by a command must exist; the database knows, so an activity asks it.
  const requireExistingReferences = async (name: CommandName, raw: unknown) => {
    const refs = referencesOf(name, raw);
    if (refs.unitIds.length === 0 && refs.caseIds.length === 0) return;
    const missing = await checkReferences(() => databaseSteps().referenceChecks.findMissingReferences(refs));
    const fields: Record<string, string> = {};
    for (const id of missing.unitIds) fields[`unit:${id}`] = 'no such active unit';
    for (const id of missing.caseIds) fields[`case:${id}`] = 'no such case';
    if (Object.keys(fields).length > 0) refusalToFailure(new CommandRefusal('invalidInput', `${name} names what does not exist`, fields));
  };

  // A sub-dispatch goes down the tree: to units below the unit that sub-dispatches (the lead
  // unit, or a sub-unit handling the case; decide refuses anyone else). One check per unit named.
  const requireUnitsBelow = async (name: CommandName, request: CommandRequest) => {
    if (name !== 'subDispatch') return;
    const parsed = commandInputs.subDispatch.safeParse(request.input ?? {});
    const { state: s } = current();
    const ancestorId = subDispatchTree ? handlingAssignment(s, request.actor?.unitId ?? null)?.unitId : s.assignments.find((a) => a.id === s.leadAssignmentId)?.unitId;
    if (!parsed.success || !ancestorId) return;
    for (const [i, unitId] of parsed.data.subUnitIds.entries()) {
      if (!(await checkReferences(() => databaseSteps().referenceChecks.isUnitBelow({ unitId, ancestorId })))) {
        const field = request.input && typeof request.input === 'object' && 'subUnitId' in request.input ? 'subUnitId' : `subUnitIds.${i}`;
        refusalToFailure(new CommandRefusal('invalidInput', 'a case can only be sub-dispatched to a unit below the unit that sub-dispatches it', { [field]: `is not below ${ancestorId}` }));
      }
    }
  };

  // A reclassification is decided with the rules of the profile it names, which the database
  // holds; the case keeps them once it is accepted. Null: the input is not one (decide says why).
  const reclassifiedRules = async (raw: unknown): Promise<CaseRules | null> => {
    const parsed = commandInputs.reclassify.safeParse(raw ?? {});
    if (!parsed.success) return null;
    const { caseTypeCode, categoryId, urgency } = parsed.data;
    const loaded = await checkReferences(() => databaseSteps().referenceChecks.loadReclassifiedRules({ caseTypeCode, categoryId, urgency, calendarFrom: registration.receivedAt }));
    if ('refused' in loaded) return refusalToFailure(new CommandRefusal('invalidInput', 'reclassify names a case type or category that cannot be used', loaded.refused));
    return loaded.rules;
  };

  // The person an assignHandler names must be an active user of the actor's unit with a unit
  // role (decide has already made sure it is the unit holding the assignment); the database
  // knows. Null: the input is not one, or the actor has no unit (decide says why).
  const namedHandler = async (raw: unknown, actor: Actor): Promise<RuleContext['namedHandler'] | null> => {
    const parsed = commandInputs.assignHandler.safeParse(raw ?? {});
    if (!parsed.success || !actor.unitId) return null;
    const unitId = actor.unitId;
    const found = await checkReferences(() => databaseSteps().referenceChecks.findAssignableHandler({ userId: parsed.data.handlerId, unitId }));
    if ('refused' in found) return refusalToFailure(new CommandRefusal('invalidInput', 'assignHandler names a user who cannot handle this unit\'s assignment', found.refused));
    return found.handler;
  };

  for (const name of COMMAND_NAMES) {
    setHandler(
      commandUpdates[name],
      async (request: CommandRequest): Promise<CommandAnswer> => {
        await condition(() => state !== undefined || guard.isStuck('rules'));
        if (!state) return refusalToFailure(new CommandRefusal('invalidState', 'the case is still being registered (its rules could not be loaded yet); try again later'));
        await requireExistingReferences(name as CommandName, request.input);
        await requireUnitsBelow(name as CommandName, request);
        if (HANDLING_MODE_COMMANDS.has(name) && !isPatched(HANDLING_MODES)) {
          return refusalToFailure(new CommandRefusal('invalidState', `this case's history predates ${name}`));
        }
        if (name === 'reclassify' && !isPatched(RECLASSIFY)) {
          return refusalToFailure(new CommandRefusal('invalidState', 'this case\'s history predates reclassification'));
        }
        if (name === 'assignHandler' && !isPatched(ASSIGN_HANDLER)) {
          return refusalToFailure(new CommandRefusal('invalidState', 'this case\'s history predates naming handlers'));
        }
        const newRules = name === 'reclassify' ? await reclassifiedRules(request.input) : null;
        const handler = name === 'assignHandler' ? await namedHandler(request.input, request.actor) : null;
        // Decided again: the state may have moved while the references were checked.
        let decision: Decision;
        try {
          const ctx = newRules ? { ...context(), reclassifyTo: newRules }
            : handler ? { ...context(), namedHandler: handler }
            : name === 'recordCallback' ? callbackContext((request.input as { satisfaction?: unknown } | null)?.satisfaction)
            : context();
          decision = decide(current().state, name as CommandName, request.input, request.actor, ctx);
        } catch (error) {
          return refusalToFailure(error);
        }
        if (name === 'recordContact' && !isPatched(CITIZEN_CONTACT)) {
          return refusalToFailure(new CommandRefusal('invalidState', 'this case\'s history predates recording contacts'));
        }
        if (name === 'suspend' && !isPatched(SUSPEND)) {
          return refusalToFailure(new CommandRefusal('invalidState', 'this case\'s history predates suspensions'));
        }
        // From now on the case runs on its new profile's rules (a later reload reads the new profile too).
        if (newRules) rules = newRules;
        const seq = accept(decision, request.actor);
        // Answered once projected; while the projection is stuck, at once: the command is kept
        // (the workflow is the authority) and the projection catches up after the retry.
        await condition(() => projectedSeq >= seq || guard.isStuck('projection'));
        return projectedSeq >= seq ? current().state : { ...current().state, projectionPending: true };
      },
      {
        validator: (request: CommandRequest) => {
          // A command sent right after registration is checked by the handler, once the case's
          // rules have loaded.
          if (!state) return;
          try {
            decide(current().state, name as CommandName, request.input, request.actor, context());
          } catch (error) {
            log.info('command refused', { caseId: registration.caseId, command: name, actorId: request.actor?.id, reason: (error as Error).message });
            refusalToFailure(error);
          }
        },
      },
    );
  }
  setHandler(getStateQuery, () => current().state);
  // At the workflow's time (its last wake-up): every deadline decide checks has an alarm that
  // wakes the workflow when it passes, so the answer is the one a command sent now would get.
  // Nothing is possible while the rules load.
  setHandler(allowedCommandsQuery, (actor) => (state && rules ? allowedCommands(state, actor, context()) : []));
  setHandler(rulesChangedSignal, () => {
    rulesChanged = true;
  });
  let retryAsked = false;
  setHandler(retryStuckStepsSignal, ({ actorId }) => {
    log.info('stuck steps retried by hand', { caseId: registration.caseId, actorId });
    guard.retryNow();
    retryAsked = true;
  });
  // The callback workflow's answer is recorded like an operator's (actor: the callback workflow).
  const callbackActor = { ...SYSTEM_ACTOR, id: 'system:callback' };
  const currentCallback = (callbackId: string) => state?.status === 'callback' && state.callbacks.at(-1)?.id === callbackId;
  setHandler(callbackAnsweredSignal, ({ callbackId, satisfaction, resolved, method, comment }) => {
    if (!currentCallback(callbackId)) return;
    // `comment` comes from web answers only; older signals have none.
    accept(callbackOutcome(current().state, { outcome: 'reached', satisfaction, resolved, method, comment: comment ?? null }, callbackContext(satisfaction), false), callbackActor);
  });
  setHandler(callbackExhaustedSignal, ({ callbackId }) => {
    if (!currentCallback(callbackId)) return;
    accept(callbackOutcome(current().state, { outcome: 'unreachable', satisfaction: null, resolved: null, method: 'sms', comment: null }, context(), true), callbackActor);
  });
  setHandler(assistEventsSignal, ({ assignmentId, events }) => {
    if (!state) return;
    // A warning that raced with the unit signing for (its clock already stopped) is dropped.
    // So is one from a clock the case's suspension paused.
    const running = new Set(state.clocks.filter((c) => c.pausedAt == null).map((c) => c.key));
    const relevant = events.filter((e) => !('clockKey' in e) || (e.clockKey !== null && running.has(e.clockKey)));
    if (relevant.length > 0) accept({ events: relevant, reason: null }, { ...SYSTEM_ACTOR, id: `system:${assignmentId}` });
  });

  /** Projects the outbox, batch by batch; a batch that fails goes back to the outbox's head and the step is stuck. */
  const flush = async () => {
    while (outbox.length > 0 && guard.ready('projection')) {
      const batch = outbox.splice(0, outbox.length);
      // The state may already be ahead of the batch (commands accepted meanwhile); the
      // projection keeps the newest state and every batch's audit events. The batch that
      // holds the registration creates the case row.
      const first = batch[0]!.seq === 1;
      const projected = await guard.attempt('projection', () => databaseSteps().projection.projectCase({ registration: first ? registration : null, state: current().state, events: batch }), { pendingSeq: batch[0]!.seq });
      if (!projected) {
        outbox.unshift(...batch);
        return;
      }
      projectedSeq = batch[batch.length - 1]!.seq;
    }
  };

  /** The next effect, once the events that caused it are projected and its step is not waiting. */
  const readyEffect = () => {
    const effect = effects[0];
    return effect && effect.afterSeq <= projectedSeq && guard.ready('effects') ? effect : undefined;
  };
  const runEffect = async (effect: (typeof effects)[number]) => {
    if (await guard.attempt('effects', effect.run)) effects.shift();
  };
  const outboxReady = () => outbox.length > 0 && guard.ready('projection');

  /** Waits for a wake-up, the next stuck step's retry time, or `alarm`. */
  const sleepUntil = async (wake: () => boolean, alarm: number | null) => {
    const retryAt = guard.nextRetryAt();
    const until = alarm === null ? retryAt : retryAt === null ? alarm : Math.min(alarm, retryAt);
    const woken = () => wake() || retryAsked;
    await alarms.waitFor(woken, until);
    retryAsked = false;
  };

  const loadRules = async (profile: { caseTypeCode: string; categoryId: string | null; urgency: string }): Promise<CaseRules | undefined> => {
    let loaded: CaseRules | undefined;
    await guard.attempt('rules', async () => {
      // The calendar from the case's receipt on: its clocks never reach back further.
      loaded = await databaseSteps().rules.loadCaseRules({ ...profile, calendarFrom: registration.receivedAt });
    });
    return loaded;
  };

  if (!state) {
    let loaded: CaseRules | undefined;
    while (!(loaded = await loadRules({ caseTypeCode: registration.caseTypeCode, categoryId: registration.categoryId, urgency: registration.urgency }))) {
      await sleepUntil(() => false, null);
    }
    const registeredAt = Date.now();
    const profile = { caseTypeCode: registration.caseTypeCode, categoryId: registration.categoryId, categoryLineage: loaded.categoryLineage, urgency: registration.urgency, channel: registration.channel };
    const receivedAt = Date.parse(registration.receivedAt);
    const initial = initialState(registration.caseId, profile, receivedAt, registeredAt);
    const registered = stampEvents(initial, [{ type: 'registered', caseId: registration.caseId, profile, receivedAt, registeredAt }], registration.registeredBy, registeredAt, null);
    rules = loaded;
    state = applyEvents(initial, registered);
    outbox.push(...registered);
    acceptingSeq = state.seq;
    // Sent after the registration is projected (effects run after the outbox is flushed).
    const receipt = receiptNotice(registration);
    if (receipt && isPatched(RECEIPT_NOTICE)) queueNotice(receipt);
    if (isMajorEmergency(registration) && isPatched(MAJOR_EMERGENCY_NOTICE)) queueNotice(majorEmergencyNotice(registration, 0));
  }

  while (!current().state.finished) {
    if (outboxReady()) {
      await flush();
      continue;
    }
    const effect = readyEffect();
    if (effect) {
      await runEffect(effect);
      continue;
    }
    if (rulesChanged && guard.ready('rules')) {
      rulesChanged = false;
      const { profile, clocks } = current().state;
      const reloaded = await loadRules({ caseTypeCode: profile.caseTypeCode, categoryId: profile.categoryId, urgency: profile.urgency });
      // A reclassification accepted meanwhile changed the profile: these rules are the old one's.
      if (!reloaded || current().state.profile !== profile) {
        rulesChanged = true;
        continue;
      }
      rules = reloaded;
      // The sub-units' derived deadlines follow their parents' moved ones.
      const recomputed = alignedSubClocks(clocks.map((clock) => recomputeClock(clock, reloaded)), { ...reloaded, now: Date.now() }).filter((clock, i) => clock.dueAt !== clocks[i]!.dueAt || clock.yellowAt !== clocks[i]!.yellowAt);
      if (recomputed.length > 0) accept({ events: [{ type: 'deadlinesRecomputed', clocks: recomputed }], reason: 'working-day calendar or policies changed' }, SYSTEM_ACTOR);
      continue;
    }
    const dueNow = timerEvents(current().state, context(), { delegated: delegateAssists });
    if (dueNow.length > 0) {
      accept({ events: dueNow, reason: null }, SYSTEM_ACTOR);
      continue;
    }
    // Not while something waits to be projected or run: the next run could not do it.
    const settled = outbox.length === 0 && effects.length === 0;
    if (settled && (current().state.seq - firstSeqOfRun >= EVENTS_PER_RUN || workflowInfo().continueAsNewSuggested)) {
      // Commands in flight wait for their projection, so keep flushing while they finish.
      if (!allHandlersFinished()) {
        await condition(() => allHandlersFinished() || outbox.length > 0 || effects.length > 0);
        continue;
      }
      await continueAsNew<typeof petitionWorkflow>({ registration, carried: { ...current(), delegateAssists, delegateCallbacks, subDispatchTree } });
    }
    const alarm = nextWakeAt(current().state, delegateAssists ? ownClocks(current().state) : current().state.clocks);
    const wake = () => outboxReady() || readyEffect() !== undefined || (rulesChanged && guard.ready('rules')) || current().state.finished;
    await sleepUntil(wake, alarm);
  }
  // Finished: what is left to project and run, however long a stuck step makes it wait.
  while (outbox.length > 0 || effects.length > 0) {
    if (outboxReady()) await flush();
    else if (readyEffect()) await runEffect(readyEffect()!);
    else await sleepUntil(() => outboxReady() || readyEffect() !== undefined, null);
  }
  await condition(allHandlersFinished);
  return current().state;
}

function referencesOf(name: CommandName, raw: unknown): { unitIds: string[]; caseIds: string[] } {
  const input = (raw ?? {}) as { leadUnitId?: unknown; assistUnitIds?: unknown; redispatch?: { leadUnitId?: unknown; assistUnitIds?: unknown }; intoCaseId?: unknown };
  const ids = (...values: unknown[]) => values.flat().filter((v): v is string => typeof v === 'string');
  if (name === 'dispatch') return { unitIds: ids(input.leadUnitId, input.assistUnitIds), caseIds: [] };
  if (name === 'decideReturn' && input.redispatch) return { unitIds: ids(input.redispatch.leadUnitId, input.redispatch.assistUnitIds), caseIds: [] };
  if (name === 'merge') return { unitIds: [], caseIds: ids(input.intoCaseId) };
  if (name === 'subDispatch') return { unitIds: ids((raw as { subUnitId?: unknown; subUnitIds?: unknown } | null)?.subUnitId, (raw as { subUnitIds?: unknown } | null)?.subUnitIds), caseIds: [] };
  if (name === 'forwardForInformation') return { unitIds: ids((raw as { unitIds?: unknown } | null)?.unitIds), caseIds: [] };
  return { unitIds: [], caseIds: [] };
}
