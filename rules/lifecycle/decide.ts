// Turns a command into the events it causes, or refuses it with a precise reason. Checks, in
// order: the input's shape, the actor's role, the actor's unit, the case's state. Pure: the
// time, the calendar and the policies come in through the context.
import { computeClock, DEFAULT_SETTINGS, policiesForMode, reclassifiedClocks, startClock, withDispatchMode, type RuleContext } from './clocks';
import { commandInputs, type CommandInput, type CommandName } from './commands';
import { refuse } from './refusal';
import { requireRunning, resumedEvent, suspendedEvent } from './suspension';
import { findNotice, replyClockKey, startReplyClock, supervisionNotices } from './supervision';
import { handlingAssignment, isLive, levelOf, liveSubsOf, MAX_UNIT_LEVEL, realignedClocks, realignEvents, subHandleClock } from './subUnits';
import { CASE_STATUSES, FINISHED_STATUSES, OPEN_WITH_LEAD } from '../vocabulary';
import { RULE_SETTINGS } from '../settings';
import type { Actor, Assignment, AssignmentStatus, CaseStatus, Clock, PetitionEventData, PetitionState, Role, SupervisionNoticeState } from './types';

export type Decision = { events: PetitionEventData[]; reason: string | null };

const UNIT_ROLES: Role[] = ['unitHandler', 'unitLeader'];
/** Before the lead unit's result goes up (submitResult): the case's profile may still change. */
const BEFORE_RESULT: readonly CaseStatus[] = ['registered', 'dispatched', 'returnRequested', 'arbitration', 'signed', 'subDispatched'];
/** While the lead unit handles the case and nothing waits for the office: the clock may stop (挂起). */
const SUSPENDABLE: readonly CaseStatus[] = ['dispatched', 'signed', 'subDispatched'];
/** Who suspends and resumes: the office, or the lead unit's leader for its own case. */
const SUSPENDERS: Role[] = ['unitLeader', 'dispatcher', 'supervisor'];
/** An assignment in one of these is over: nobody is named to handle it any more. */
export const FINISHED_ASSIGNMENT: readonly AssignmentStatus[] = ['returned', 'withdrawn', 'completed', 'opinionSubmitted'];
/** Not yet finished for the citizen: a forward or a leader's instruction still has something to act on. */
const NOT_FINISHED: readonly CaseStatus[] = CASE_STATUSES.filter((s) => !FINISHED_STATUSES.includes(s));
/** A contact time a little ahead of the workflow's clock is the handler's device clock, not the future. */
const CONTACT_CLOCK_SKEW_MS = 60_000;

const STATUS_TEXT: Record<CaseStatus, string> = {
  registered: 'registered', answeredDirectly: 'answered directly', rejected: 'rejected', merged: 'merged', dispatched: 'dispatched',
  returnRequested: 'awaiting a return decision', arbitration: 'in return arbitration', signed: 'being handled', subDispatched: 'with a sub-unit',
  resultSubmitted: 'awaiting the unit leader', unitApproved: 'awaiting review', callback: 'in callback', awaitingUnsatisfiedDecision: 'awaiting the office\'s decision on an unsatisfied callback', closed: 'closed', reReview: 'in re-review', archived: 'archived',
};

function requireRole(actor: Actor, allowed: Role[], command: CommandName): void {
  if (!actor.roles.some((role) => allowed.includes(role))) {
    throw refuse.forbidden(`${command} requires the role ${allowed.join(' or ')}`);
  }
}

function requireStatus(state: PetitionState, allowed: readonly CaseStatus[], command: CommandName): void {
  if (!allowed.includes(state.status)) {
    throw refuse.state(`${command} is not possible while the case is ${STATUS_TEXT[state.status]}`);
  }
}

function isOffice(actor: Actor): boolean {
  return actor.roles.includes('dispatcher') || actor.roles.includes('supervisor');
}

const NOTICE_STATUS_TEXT = { awaitingReply: 'awaiting its reply', answered: 'already answered', accepted: 'answered and accepted', escalated: 'escalated unanswered' } as const;

/** Closed, archived and the other final statuses: the case's supervision is over. */
function requireNotFinished(state: PetitionState, command: CommandName): void {
  if (state.finished || FINISHED_STATUSES.includes(state.status)) throw refuse.state(`${command} is not possible: the case is ${STATUS_TEXT[state.status]}`);
}

/** The notice a command names: none on the case is the case's state, an unknown id the input's fault. */
function namedNotice(state: PetitionState, noticeId: string): SupervisionNoticeState {
  const notice = findNotice(state, noticeId);
  if (notice) return notice;
  if (supervisionNotices(state).length === 0) throw refuse.state('the case has no supervision notice that waits for a reply');
  throw refuse.input(`the case has no supervision notice ${noticeId}`, { noticeId: 'no such notice on this case' });
}

function lead(state: PetitionState): Assignment {
  const assignment = state.assignments.find((a) => a.id === state.leadAssignmentId);
  if (!assignment) throw refuse.state('the case has no lead unit');
  return assignment;
}

function requireOwnUnit(actor: Actor, assignment: Assignment, what: string): void {
  if (actor.unitId !== assignment.unitId) throw refuse.forbidden(`only the ${what} unit (${assignment.unitId}) may do this`);
}

function clock(state: PetitionState, key: string): Clock | undefined {
  return state.clocks.find((c) => c.key === key);
}

function nextId(state: PetitionState, prefix: string, offset = 1): string {
  return `${state.caseId}-${prefix}${state.seq + offset}`;
}

/** Assignments and clocks of a (re-)dispatch to a lead and its assisting units. */
function dispatchEvent(
  state: PetitionState,
  units: { leadUnitId: string; assistUnitIds: string[] },
  actor: Actor,
  ctx: RuleContext,
  rehandle: boolean,
): PetitionEventData {
  const round = state.round + 1;
  const base = state.seq + 1;
  const make = (unitId: string, role: 'lead' | 'assist', index: number): Assignment => ({
    id: `${state.caseId}-A${base}-${index}`,
    unitId,
    role,
    status: 'dispatched',
    round,
    parentAssignmentId: null,
    dispatchedAt: ctx.now,
    dispatchedBy: actor.id,
    signedAt: null,
    signedBy: null,
    opinion: null,
    completedAt: null,
  });
  const leadAssignment = make(units.leadUnitId, 'lead', 0);
  const assists = units.assistUnitIds.map((unitId, i) => make(unitId, 'assist', i + 1));
  const owner = (a: Assignment) => ({ unitId: a.unitId, assignmentId: a.id });
  const handle = startClock('handle', 'handle', owner(leadAssignment), ctx.now, ctx);
  const clocks: Clock[] = [
    startClock('signFor', `signFor:${leadAssignment.id}`, owner(leadAssignment), ctx.now, ctx),
    handle,
    startClock('returnWindow', 'returnWindow', owner(leadAssignment), ctx.now, ctx),
  ];
  for (const assist of assists) {
    clocks.push(startClock('signFor', `signFor:${assist.id}`, owner(assist), ctx.now, ctx));
    const opinion = startClock('assistOpinion', `assistOpinion:${assist.id}`, owner(assist), ctx.now, ctx);
    // An assisting unit's opinion is due before the lead's deadline.
    clocks.push(opinion.dueAt > handle.dueAt ? computeClock({ ...opinion, overrideDueAt: handle.dueAt }, ctx) : opinion);
  }
  return { type: 'dispatched', round, assignments: [leadAssignment, ...assists], clocks, rehandle };
}

function rehandle(state: PetitionState, cause: 'reviewSentBack' | 'unsatisfied' | 'reReview', ctx: RuleContext): PetitionEventData {
  const assignment = lead(state);
  return { type: 'rehandleStarted', cause, handleClock: startClock('handle', 'handle', { unitId: assignment.unitId, assignmentId: assignment.id }, ctx.now, ctx) };
}

/** The assignment of the actor's unit in the current round, for sign-for and opinions. */
function ownAssignment(state: PetitionState, actor: Actor, assignmentId: string | undefined, roles: Assignment['role'][]): Assignment {
  const candidates = state.assignments.filter(
    (a) => a.round === state.round && roles.includes(a.role) && (assignmentId === undefined || a.id === assignmentId) && !['returned', 'withdrawn'].includes(a.status),
  );
  const mine = candidates.find((a) => a.unitId === actor.unitId);
  if (!mine) {
    if (candidates.length > 0) throw refuse.forbidden(`your unit (${actor.unitId}) has no part in this case to act on`);
    throw refuse.state(assignmentId ? `assignment ${assignmentId} is not open` : 'no open assignment to act on');
  }
  return mine;
}

/** Whether the unit's part is still to be done: not finished, and of the case's current round. */
export function isLiveAssignment(state: PetitionState, a: Assignment): boolean {
  return a.round === state.round && !FINISHED_ASSIGNMENT.includes(a.status);
}

/**
 * The assignment of the actor's unit a handler is named for: the one given, or the unit's only
 * live one. Another unit's is forbidden; a finished one, or none left, is a state refusal.
 */
function assignmentToStaff(state: PetitionState, actor: Actor, assignmentId: string | undefined): Assignment {
  if (assignmentId !== undefined) {
    const named = state.assignments.find((a) => a.id === assignmentId);
    if (!named) throw refuse.input(`no assignment ${assignmentId} on this case`, { assignmentId: 'no such assignment' });
    requireOwnUnit(actor, named, 'assigned');
    if (!isLiveAssignment(state, named)) throw refuse.state(`assignment ${assignmentId} is finished: nobody can be named to handle it`);
    return named;
  }
  const own = state.assignments.filter((a) => a.unitId === actor.unitId);
  const live = own.filter((a) => isLiveAssignment(state, a));
  if (live.length === 1) return live[0]!;
  if (live.length > 1) throw refuse.input('your unit has several live assignments on this case: say which', { assignmentId: 'required: several live assignments' });
  if (own.length === 0) throw refuse.forbidden(`your unit (${actor.unitId}) has no part in this case`);
  throw refuse.state('your unit\'s part in this case is finished: nobody can be named to handle it');
}

type Handler<C extends CommandName> = (state: PetitionState, input: CommandInput<C>, actor: Actor, ctx: RuleContext) => Decision;

const handlers: { [C in CommandName]: Handler<C> } = {
  answerDirectly(state, input, actor, ctx) {
    requireRole(actor, ['operator', 'dispatcher'], 'answerDirectly');
    requireStatus(state, ['registered'], 'answerDirectly');
    const reReviewClock = startClock('reReviewWindow', 'reReviewWindow', { unitId: null, assignmentId: null }, ctx.now, ctx);
    return { events: [{ type: 'answeredDirectly', answer: input.answer, articleId: input.articleId, reReviewClock }], reason: null };
  },

  reject(state, input, actor) {
    requireRole(actor, ['operator', 'dispatcher'], 'reject');
    requireStatus(state, ['registered'], 'reject');
    return { events: [{ type: 'rejected', reasonCode: input.reasonCode }], reason: input.reason };
  },

  merge(state, input, actor) {
    requireRole(actor, ['operator', 'dispatcher'], 'merge');
    requireStatus(state, ['registered'], 'merge');
    if (input.intoCaseId === state.caseId) throw refuse.input('a case cannot be merged into itself', { intoCaseId: 'is this case' });
    return { events: [{ type: 'merged', intoCaseId: input.intoCaseId }], reason: input.reason ?? null };
  },

  dispatch(state, input, actor, ctx) {
    requireRole(actor, ['dispatcher'], 'dispatch');
    requireStatus(state, ['registered'], 'dispatch');
    // The mode is a policy dimension: its clocks take the mode's policies.
    const policies = policiesForMode(ctx, input.mode);
    if (!policies) throw refuse.state(`this case's rules predate dispatch modes; dispatch it by the system, or after its rules are reloaded`);
    const dispatched = dispatchEvent(state, input, actor, { ...ctx, policies }, false);
    return { events: [input.mode === 'system' ? dispatched : { ...dispatched, mode: input.mode }], reason: input.instructions ?? null };
  },

  signFor(state, input, actor) {
    requireRole(actor, UNIT_ROLES, 'signFor');
    const assignment = ownAssignment(state, actor, input.assignmentId, ['lead', 'assist', 'sub']);
    if (assignment.status !== 'dispatched') throw refuse.state(`your unit has already signed for this case`);
    if (assignment.role === 'lead') requireStatus(state, ['dispatched'], 'signFor');
    return { events: [{ type: 'signedFor', assignmentId: assignment.id, stoppedClock: `signFor:${assignment.id}` }], reason: null };
  },

  requestReturn(state, input, actor, ctx) {
    requireRole(actor, UNIT_ROLES, 'requestReturn');
    requireStatus(state, ['dispatched', 'signed'], 'requestReturn');
    const assignment = lead(state);
    requireOwnUnit(actor, assignment, 'lead');
    requireRunning(state, 'requestReturn');
    const window = clock(state, 'returnWindow');
    if (!window || ctx.now > window.dueAt) throw refuse.state('the return window has closed: a return must be asked within the window after dispatch');
    const arbitration = state.counters.returns >= ctx.settings.returnMaxCount;
    return {
      events: [{
        type: 'returnRequested',
        request: { id: nextId(state, 'R'), assignmentId: assignment.id, unitId: assignment.unitId, reason: input.reason, requestedAt: ctx.now, requestedBy: actor.id, arbitration, resumeStatus: state.status },
      }],
      reason: input.reason,
    };
  },

  decideReturn(state, input, actor, ctx) {
    requireStatus(state, ['returnRequested', 'arbitration'], 'decideReturn');
    requireRole(actor, state.status === 'arbitration' ? ['supervisor'] : ['dispatcher', 'supervisor'], 'decideReturn');
    const pending = state.pendingReturn!;
    if (!input.approve) {
      return { events: [{ type: 'returnDecided', requestId: pending.id, approved: false, wrongReturn: input.wrongReturn, withdrawnAssignmentIds: [] }], reason: input.reason };
    }
    const redispatch = input.redispatch!;
    if (redispatch.leadUnitId === pending.unitId) throw refuse.input('the case must go to another unit than the one returning it', { 'redispatch.leadUnitId': 'is the returning unit' });
    const withdrawn = state.assignments.filter((a) => a.round === state.round && !['returned', 'withdrawn'].includes(a.status)).map((a) => a.id);
    const decided: PetitionEventData = { type: 'returnDecided', requestId: pending.id, approved: true, wrongReturn: false, withdrawnAssignmentIds: withdrawn };
    // The re-dispatch event is numbered after the decision.
    const afterDecision = { ...state, seq: state.seq + 1 };
    return { events: [decided, dispatchEvent(afterDecision, { leadUnitId: redispatch.leadUnitId, assistUnitIds: redispatch.assistUnitIds }, actor, ctx, false)], reason: input.reason };
  },

  requestExtension(state, input, actor, ctx) {
    requireRole(actor, UNIT_ROLES, 'requestExtension');
    requireStatus(state, ['signed', 'subDispatched'], 'requestExtension');
    const assignment = lead(state);
    requireOwnUnit(actor, assignment, 'lead');
    requireRunning(state, 'requestExtension');
    if (state.pendingExtension) throw refuse.state('an extension request is already waiting for a decision');
    const handle = clock(state, 'handle');
    if (!handle || ctx.now > handle.dueAt) throw refuse.state('an extension must be asked before the handling deadline');
    const beyondCap = state.counters.extensionWorkingDays + input.workingDays > ctx.settings.extensionMaxTotalWorkingDays;
    const decisionClock = startClock('extensionDecision', 'extensionDecision', { unitId: null, assignmentId: null }, ctx.now, ctx);
    return {
      events: [{
        type: 'extensionRequested',
        request: { id: nextId(state, 'E'), assignmentId: assignment.id, unitId: assignment.unitId, workingDays: input.workingDays, reason: input.reason, requestedAt: ctx.now, requestedBy: actor.id, beyondCap },
        decisionClock,
      }],
      reason: input.reason,
    };
  },

  decideExtension(state, input, actor, ctx) {
    const pending = state.pendingExtension;
    if (!pending) throw refuse.state('no extension request is waiting for a decision');
    requireRole(actor, pending.beyondCap ? ['supervisor'] : ['dispatcher', 'supervisor'], 'decideExtension');
    const handle = clock(state, 'handle');
    const extended = input.approve && handle ? computeClock({ ...handle, extensionWorkingDays: handle.extensionWorkingDays + pending.workingDays }, ctx, handle) : null;
    // The sub-units' deadlines follow the lead's.
    return { events: [{ type: 'extensionDecided', requestId: pending.id, approved: input.approve, handleClock: extended }, ...(extended ? realignEvents(state.clocks, [extended], ctx) : [])], reason: input.reason };
  },

  submitAssistOpinion(state, input, actor) {
    requireRole(actor, UNIT_ROLES, 'submitAssistOpinion');
    requireStatus(state, OPEN_WITH_LEAD, 'submitAssistOpinion');
    const assignment = ownAssignment(state, actor, input.assignmentId, ['assist']);
    if (assignment.status === 'dispatched') throw refuse.state('sign for the case before giving an opinion');
    if (assignment.status !== 'signed') throw refuse.state('your unit has already given its opinion');
    return { events: [{ type: 'assistOpinionSubmitted', assignmentId: assignment.id, opinion: input.opinion, stoppedClock: `assistOpinion:${assignment.id}` }], reason: null };
  },

  subDispatch(state, input, actor, ctx) {
    requireRole(actor, UNIT_ROLES, 'subDispatch');
    if (ctx.legacySubDispatch) return legacySubDispatch(state, input, actor, ctx);
    requireStatus(state, ['signed', 'subDispatched'], 'subDispatch');
    const parent = handlingAssignment(state, actor.unitId);
    if (!parent) throw refuse.forbidden(`only the lead unit (${lead(state).unitId}) or a sub-unit handling the case may sub-dispatch it`);
    if (parent.status === 'dispatched') throw refuse.state('sign for the case before sub-dispatching it');
    if (parent.status === 'resultSubmitted') throw refuse.state('your unit has already submitted its result');
    requireRunning(state, 'subDispatch');
    const level = levelOf(state, parent);
    if (level >= MAX_UNIT_LEVEL) {
      throw refuse.state(`no fourth level: your unit is at level ${level} (lead unit → sub-unit → its sub-unit) and handles the case itself`);
    }
    const taken = input.subUnitIds.flatMap((unitId, i) => (state.assignments.some((a) => a.unitId === unitId && a.round === state.round && isLive(a)) ? [[`subUnitIds.${i}`, `${unitId} already has a part in this case`]] : []));
    if (taken.length > 0) throw refuse.input('a unit that already has a part in this case cannot be sub-dispatched to', Object.fromEntries(taken));
    const events: PetitionEventData[] = input.subUnitIds.map((unitId, i) => {
      const assignment = subAssignment(state, `${state.caseId}-A${state.seq + 1 + i}-s`, unitId, parent, actor, ctx);
      return { type: 'subDispatched', assignment, clocks: [subSignForClock(assignment, ctx), subHandleClock(state, assignment, ctx)] };
    });
    return { events, reason: input.instructions ?? null };
  },

  reviewSubResult(state, input, actor, ctx) {
    requireRole(actor, UNIT_ROLES, 'reviewSubResult');
    requireStatus(state, ['subDispatched'], 'reviewSubResult');
    const reviewer = handlingAssignment(state, actor.unitId);
    if (!reviewer) throw refuse.forbidden(`only the unit that sub-dispatched the case (the lead unit ${lead(state).unitId}, or a sub-unit) may review a sub-unit's result`);
    const waiting = liveSubsOf(state, reviewer.id).filter((a) => a.status === 'resultSubmitted');
    if (waiting.length === 0) throw refuse.state(liveSubsOf(state, reviewer.id).length > 0 ? 'the sub-unit has not submitted its result yet' : 'your unit has no sub-unit at work on this case');
    const sub = input.assignmentId === undefined ? (waiting.length === 1 ? waiting[0] : undefined) : waiting.find((a) => a.id === input.assignmentId);
    if (!sub) {
      throw refuse.input(input.assignmentId === undefined ? 'several sub-units\' results wait for review: name the sub-assignment' : 'no result of this sub-assignment waits for your review', {
        assignmentId: `one of ${waiting.map((a) => a.id).join(', ')}`,
      });
    }
    // Sending it back starts the sub-unit's clock afresh: not while the case's clocks are stopped.
    if (!input.accept) requireRunning(state, 'reviewSubResult');
    const result = state.results.filter((r) => r.assignmentId === sub.id).at(-1)!;
    return { events: [{ type: 'subResultReviewed', resultId: result.id, accepted: input.accept, subHandleClock: input.accept ? null : subHandleClock(state, sub, ctx) }], reason: input.comment ?? null };
  },

  submitResult(state, input, actor, ctx) {
    requireRole(actor, UNIT_ROLES, 'submitResult');
    requireStatus(state, ['signed', 'subDispatched'], 'submitResult');
    // The lead unit, or a sub-unit whose result its parent reviews; each only once its own sub-units' results are accepted.
    const assignment = handlingAssignment(state, actor.unitId);
    if (!assignment) throw refuse.forbidden(`only the lead unit (${lead(state).unitId}) or a sub-unit handling the case may submit a result`);
    if (assignment.status === 'dispatched') throw refuse.state('sign for the case before submitting a result');
    if (assignment.status === 'resultSubmitted') throw refuse.state('the result is already submitted');
    if (assignment.status === 'subDispatched') {
      throw refuse.state(`waiting for the sub-units' results (${liveSubsOf(state, assignment.id).map((a) => a.unitId).join(', ')}): review them before submitting your own`);
    }
    if (assignment.role !== 'sub' && state.pendingExtension) throw refuse.state('an extension request is waiting for a decision');
    // The lead's result ends a suspension: the clocks move first, so the result is judged against the moved deadline.
    const resumed = assignment.role !== 'sub' && state.suspension ? [resumedEvent(state, ctx)] : [];
    return {
      events: [...resumed, {
        type: 'resultSubmitted',
        result: {
          id: nextId(state, 'S', resumed.length + 1), assignmentId: assignment.id, unitId: assignment.unitId, round: state.round, ...input,
          submittedAt: ctx.now, submittedBy: actor.id, unitApprovedAt: null, unitApprovedBy: null,
          reviewOutcome: 'pending', reviewedAt: null, reviewedBy: null, reviewComment: null,
        },
      }],
      reason: null,
    };
  },

  unitApprove(state, input, actor) {
    requireRole(actor, ['unitLeader'], 'unitApprove');
    requireStatus(state, ['resultSubmitted'], 'unitApprove');
    requireOwnUnit(actor, lead(state), 'lead');
    return { events: [{ type: 'unitApproved', resultId: state.results.at(-1)!.id }], reason: input.comment ?? null };
  },

  review(state, input, actor, ctx) {
    requireRole(actor, ['dispatcher'], 'review');
    requireStatus(state, ['unitApproved'], 'review');
    const result = state.results.at(-1)!;
    if (!input.accept) {
      return { events: [{ type: 'reviewed', resultId: result.id, accepted: false, callback: null, callbackClock: null }, rehandle(state, 'reviewSentBack', ctx)], reason: input.comment ?? null };
    }
    const round = state.callbacks.length + 1;
    return {
      events: [{
        type: 'reviewed',
        resultId: result.id,
        accepted: true,
        callback: { id: `${state.caseId}-C${round}`, round, startedAt: ctx.now, attempts: 0, outcome: 'pending', satisfaction: null, resolved: null, method: null, comment: null, finishedAt: null },
        callbackClock: startClock('callback', 'callback', { unitId: null, assignmentId: null }, ctx.now, ctx),
      }],
      reason: input.comment ?? null,
    };
  },

  recordContact(state, input, actor, ctx) {
    requireRole(actor, UNIT_ROLES, 'recordContact');
    requireStatus(state, OPEN_WITH_LEAD, 'recordContact');
    const assignment = lead(state);
    requireOwnUnit(actor, assignment, 'lead');
    const contactedAt = Date.parse(input.contactedAt);
    // Times are entered to the minute: the minute of the dispatch itself is not before it.
    if (contactedAt < assignment.dispatchedAt - (assignment.dispatchedAt % 60_000)) throw refuse.input('the citizen cannot have been contacted before the case was dispatched to your unit', { contactedAt: `is before the dispatch (${new Date(assignment.dispatchedAt).toISOString()})` });
    if (contactedAt > ctx.now + CONTACT_CLOCK_SKEW_MS) throw refuse.input('the time of contact cannot be in the future', { contactedAt: 'is in the future' });
    const contact = { id: nextId(state, 'K'), assignmentId: assignment.id, unitId: assignment.unitId, means: input.means, contactedAt, note: input.note, recordedAt: ctx.now, recordedBy: actor.id };
    return { events: [{ type: 'citizenContacted', contact }], reason: input.note };
  },

  assignHandler(state, input, actor, ctx) {
    requireRole(actor, UNIT_ROLES, 'assignHandler');
    const assignment = assignmentToStaff(state, actor, input.assignmentId);
    const current = assignment.handler ?? null;
    // A handler takes a case for themselves; naming someone else, or replacing them, is a leader's.
    if (!actor.roles.includes('unitLeader')) {
      if (input.handlerId !== actor.id) throw refuse.forbidden('a unit handler may only name themselves; a unit leader names others');
      if (current && current.userId !== actor.id) throw refuse.forbidden(`${current.name} handles this assignment: only a unit leader may reassign it`);
    }
    if (current?.userId === input.handlerId) throw refuse.input(`${current.name} already handles this assignment`, { handlerId: 'already the handler' });
    // Without the workflow's check (only asking whether the command is possible) the id stands in.
    const named = ctx.namedHandler?.userId === input.handlerId ? ctx.namedHandler : { userId: input.handlerId, name: input.handlerId, hasPhone: false };
    return {
      events: [{
        type: 'handlerAssigned',
        assignmentId: assignment.id,
        unitId: assignment.unitId,
        handler: { ...named, assignedAt: ctx.now, assignedBy: actor.id },
        replaced: current ? { userId: current.userId, name: current.name } : null,
      }],
      reason: input.note,
    };
  },

  reclassify(state, input, actor, ctx) {
    requireRole(actor, ['dispatcher', 'supervisor'], 'reclassify');
    requireStatus(state, BEFORE_RESULT, 'reclassify');
    requireRunning(state, 'reclassify');
    const from = state.profile;
    if (input.caseTypeCode === from.caseTypeCode && input.categoryId === from.categoryId && input.urgency === from.urgency) {
      throw refuse.input('the case already has this case type, category and urgency: nothing to reclassify', { caseTypeCode: 'unchanged', categoryId: 'unchanged', urgency: 'unchanged' });
    }
    // Without the new profile's rules (only asking whether the command is possible) the case's own stand in.
    const rules = ctx.reclassifyTo ?? { categoryLineage: from.categoryLineage, policies: ctx.policies };
    // A case dispatched by phone or in writing keeps its mode under the new profile.
    const policies = ctx.reclassifyTo ? (policiesForMode(ctx.reclassifyTo, state.dispatchMode) ?? rules.policies) : rules.policies;
    const to = { ...from, caseTypeCode: input.caseTypeCode, categoryId: input.categoryId, categoryLineage: rules.categoryLineage, urgency: input.urgency };
    const reclassified = reclassifiedClocks(state.clocks, policies, ctx);
    // The sub-units' deadlines follow their parents' new ones.
    const realigned = realignedClocks(state.clocks, reclassified, { ...ctx, policies });
    const clocks = [...reclassified.filter((c) => !realigned.some((r) => r.key === c.key)), ...realigned];
    return { events: [{ type: 'reclassified', from, to, clocks }], reason: input.reason };
  },

  forwardForInformation(state, input, actor, ctx) {
    requireRole(actor, ['dispatcher', 'supervisor'], 'forwardForInformation');
    requireStatus(state, NOT_FINISHED, 'forwardForInformation');
    const fields: Record<string, string> = {};
    const handling = new Set(state.assignments.filter((a) => !['returned', 'withdrawn'].includes(a.status)).map((a) => a.unitId));
    const forwarded = new Set((state.forwards ?? []).map((f) => f.unitId));
    input.unitIds.forEach((unitId, i) => {
      if (handling.has(unitId)) fields[`unitIds.${i}`] = `${unitId} already has a part in this case`;
      else if (forwarded.has(unitId)) fields[`unitIds.${i}`] = `${unitId} already has it for information`;
    });
    if (Object.keys(fields).length > 0) throw refuse.input('a unit named already sees the case', fields);
    const forwards = input.unitIds.map((unitId, i) => ({ id: `${state.caseId}-I${state.seq + 1}-${i}`, unitId, note: input.note, forwardedAt: ctx.now, forwardedBy: actor.id, readAt: null, readBy: null }));
    return { events: [{ type: 'forwardedForInformation', forwards }], reason: input.note };
  },

  markForwardRead(state, _input, actor) {
    requireRole(actor, UNIT_ROLES, 'markForwardRead');
    const forward = (state.forwards ?? []).find((f) => f.unitId === actor.unitId);
    if (!forward) throw refuse.forbidden(`the case was not forwarded to your unit (${actor.unitId}) for information`);
    if (forward.readAt !== null) throw refuse.state('your unit has already marked it read');
    return { events: [{ type: 'forwardRead', forwardId: forward.id, unitId: forward.unitId }], reason: null };
  },

  attachLeaderInstruction(state, input, actor, ctx) {
    requireRole(actor, ['supervisor'], 'attachLeaderInstruction');
    requireStatus(state, NOT_FINISHED, 'attachLeaderInstruction');
    const instruction = { id: nextId(state, 'L'), leaderName: input.leaderName, leaderTitle: input.leaderTitle, instruction: input.instruction, attachedAt: ctx.now, attachedBy: actor.id };
    return { events: [{ type: 'leaderInstructionAttached', instruction }], reason: input.instruction };
  },

  suspend(state, input, actor, ctx) {
    requireRole(actor, SUSPENDERS, 'suspend');
    requireStatus(state, SUSPENDABLE, 'suspend');
    if (!isOffice(actor)) requireOwnUnit(actor, lead(state), 'lead');
    if (state.suspension) throw refuse.state('the case is already suspended');
    if (state.pendingExtension) throw refuse.state('an extension request is waiting for a decision: decide it before suspending the case');
    // Rules loaded before the settings existed have none: the seeded defaults apply.
    const max = ctx.settings.suspensionMaxTotalWorkingDays ?? DEFAULT_SETTINGS.suspensionMaxTotalWorkingDays;
    const approvalAbove = ctx.settings.suspensionApprovalAboveWorkingDays ?? DEFAULT_SETTINGS.suspensionApprovalAboveWorkingDays;
    const used = state.suspendedWorkingDays ?? 0;
    if (used >= max) throw refuse.state(`the case has been suspended for ${used} working days, the most a case may be (suspension.maxTotalWorkingDays)`);
    if (used + input.workingDays > max) {
      throw refuse.input(`a case may be suspended for ${max} working days in total; it has been for ${used}`, { workingDays: `at most ${max - used}` });
    }
    if (used + input.workingDays > approvalAbove && !actor.roles.includes('supervisor')) {
      throw refuse.forbidden(`suspending a case for more than ${approvalAbove} working days in total needs a supervisor's approval (suspension.approvalAboveWorkingDays); this would make ${used + input.workingDays}`);
    }
    return { events: [suspendedEvent(state, input, actor, ctx)], reason: input.reason };
  },

  resume(state, input, actor, ctx) {
    requireRole(actor, SUSPENDERS, 'resume');
    if (!isOffice(actor)) requireOwnUnit(actor, lead(state), 'lead');
    if (!state.suspension) throw refuse.state('the case is not suspended');
    return { events: [resumedEvent(state, ctx)], reason: input.reason };
  },

  urge(state, input, actor) {
    requireRole(actor, ['dispatcher', 'supervisor'], 'urge');
    requireStatus(state, OPEN_WITH_LEAD, 'urge');
    requireRunning(state, 'urge');
    const assignment = lead(state);
    return { events: [{ type: 'urged', urgeId: nextId(state, 'U'), unitId: assignment.unitId, clockKey: null, automatic: false }], reason: input.reason };
  },

  supervise(state, input, actor) {
    requireRole(actor, ['supervisor'], 'supervise');
    requireStatus(state, OPEN_WITH_LEAD, 'supervise');
    requireRunning(state, 'supervise');
    const assignment = lead(state);
    return { events: [{ type: 'supervised', noticeId: nextId(state, 'V'), unitId: assignment.unitId, clockKey: null, level: input.level, automatic: false, content: input.content }], reason: input.content };
  },

  answerSupervision(state, input, actor) {
    requireRole(actor, UNIT_ROLES, 'answerSupervision');
    requireNotFinished(state, 'answerSupervision');
    const notice = namedNotice(state, input.noticeId);
    if (actor.unitId !== notice.unitId) throw refuse.forbidden(`only the unit the notice went to (${notice.unitId}) may answer it`);
    if (notice.status !== 'awaitingReply') throw refuse.state(`supervision notice ${notice.id} is ${NOTICE_STATUS_TEXT[notice.status]}`);
    return { events: [{ type: 'supervisionAnswered', noticeId: notice.id, reply: input.reply, stoppedClock: replyClockKey(notice.id) }], reason: input.reply };
  },

  evaluateSupervisionAnswer(state, input, actor, ctx) {
    requireRole(actor, ['dispatcher', 'supervisor'], 'evaluateSupervisionAnswer');
    requireNotFinished(state, 'evaluateSupervisionAnswer');
    const notice = namedNotice(state, input.noticeId);
    if (notice.status !== 'answered') throw refuse.state(`supervision notice ${notice.id} has no reply waiting for evaluation (it is ${NOTICE_STATUS_TEXT[notice.status]})`);
    const replyClock = input.accepted ? null : startReplyClock(notice.id, notice.unitId, ctx);
    return { events: [{ type: 'supervisionAnswerEvaluated', noticeId: notice.id, accepted: input.accepted, comment: input.comment, replyClock }], reason: input.comment };
  },

  overrideDeadline(state, input, actor, ctx) {
    requireRole(actor, ['supervisor'], 'overrideDeadline');
    requireRunning(state, 'overrideDeadline');
    const target = clock(state, input.clockKey);
    if (!target) throw refuse.state(`no running clock ${input.clockKey}; running: ${state.clocks.map((c) => c.key).join(', ') || 'none'}`);
    const dueAt = Date.parse(input.dueAt);
    if (dueAt <= ctx.now) throw refuse.input('the new deadline must be in the future', { dueAt: 'is not in the future' });
    // A supervisor's deadline is the clock's own: a sub-unit's no longer follows its parent's, and its own sub-units follow it.
    const { parentKey: _follows, ...own } = target;
    const moved = computeClock({ ...own, overrideDueAt: dueAt }, ctx);
    return { events: [{ type: 'deadlineOverridden', clock: moved }, ...realignEvents(state.clocks, [moved], ctx)], reason: input.reason };
  },

  recordCallback(state, input, actor, ctx) {
    requireRole(actor, ['operator', 'dispatcher'], 'recordCallback');
    requireStatus(state, ['callback'], 'recordCallback');
    return callbackOutcome(state, input, ctx, false);
  },

  close(state, input, actor, ctx) {
    requireRole(actor, ['dispatcher'], 'close');
    requireStatus(state, ['callback'], 'close');
    return { events: [closeEvent(input.explanation, ctx)], reason: input.explanation };
  },

  decideUnsatisfied(state, input, actor, ctx) {
    requireRole(actor, ['dispatcher', 'supervisor'], 'decideUnsatisfied');
    requireStatus(state, ['awaitingUnsatisfiedDecision'], 'decideUnsatisfied');
    const decided: PetitionEventData = { type: 'unsatisfiedDecided', decision: input.decision };
    switch (input.decision) {
      case 'rehandle': {
        const max = ctx.settings.unsatisfiedMaxRehandles ?? DEFAULT_SETTINGS.unsatisfiedMaxRehandles;
        const done = state.counters.unsatisfiedRehandles ?? 0;
        if (done >= max) throw refuse.state(`the case was already rehandled ${done} times after unsatisfied callbacks (at most ${max}, rule setting unsatisfied.maxRehandles): close it with an explanation or mark the demand unreasonable`);
        return { events: [decided, rehandle(state, 'unsatisfied', ctx)], reason: input.reason };
      }
      case 'close':
        return { events: [decided, closeEvent(input.reason, ctx)], reason: input.reason };
      case 'unreasonable':
        // 核减 takes the case out of a unit's assessment: a supervisor's call, never a dispatcher's alone.
        if (!actor.roles.includes('supervisor')) throw refuse.forbidden('only a supervisor may judge a demand unreasonable (核减)');
        return { events: [decided, closeEvent(input.reason, ctx)], reason: input.reason };
    }
  },

  requestReReview(state, input, actor, ctx) {
    requireRole(actor, ['citizen', 'operator'], 'requestReReview');
    requireStatus(state, ['closed', 'answeredDirectly'], 'requestReReview');
    if (state.reReviewUntil === null || ctx.now > state.reReviewUntil) throw refuse.state('the re-review window has ended');
    return { events: [{ type: 'reReviewRequested', channel: input.channel }], reason: input.reason };
  },

  decideReReview(state, input, actor, ctx) {
    requireRole(actor, ['supervisor'], 'decideReReview');
    requireStatus(state, ['reReview'], 'decideReReview');
    const decided: PetitionEventData = { type: 'reReviewDecided', reopen: input.reopen };
    if (input.reopen && state.leadAssignmentId !== null) return { events: [decided, rehandle(state, 'reReview', ctx)], reason: input.reason };
    // A refusal after the window has ended (it ended during the re-review) archives at once.
    const windowOver = !input.reopen && state.reReviewUntil !== null && ctx.now > state.reReviewUntil;
    return { events: windowOver ? [decided, { type: 'archived' }] : [decided], reason: input.reason };
  },
};

/**
 * What a callback answer does: reached and satisfied (or basically) closes; unsatisfied refers
 * the case to the office, which decides (decideUnsatisfied; histories from before restart
 * handling at once); unreachable closes after the last attempt. `exhausted` is set
 * when the callback workflow has made every attempt it may.
 */
export function callbackOutcome(state: PetitionState, input: CommandInput<'recordCallback'>, ctx: RuleContext, exhausted: boolean): Decision {
  const current = state.callbacks.at(-1)!;
  const lastAttempt = exhausted || (input.outcome === 'unreachable' && current.attempts + 1 >= ctx.settings.callbackMaxAttempts);
  const final = input.outcome === 'reached' || lastAttempt;
  const recorded: PetitionEventData = { type: 'callbackRecorded', callbackId: current.id, outcome: input.outcome, satisfaction: input.satisfaction, resolved: input.resolved, method: input.method, comment: input.comment, final };
  if (input.satisfaction === 'unsatisfied') {
    if (ctx.unsatisfiedRehandlesAtOnce) return { events: [recorded, rehandle(state, 'unsatisfied', ctx)], reason: input.comment };
    return { events: [recorded, { type: 'unsatisfiedReferred', callbackId: current.id, decisionClock: unsatisfiedDecisionClock(ctx) }], reason: input.comment };
  }
  if (!final) return { events: [recorded], reason: input.comment };
  const explanation = input.outcome === 'unreachable' ? (exhausted ? 'citizen unreachable: every callback attempt went unanswered' : `citizen unreachable after ${current.attempts + 1} attempts`) : null;
  return { events: [recorded, closeEvent(explanation, ctx)], reason: input.comment };
}

function subAssignment(state: PetitionState, id: string, unitId: string, parent: Assignment, actor: Actor, ctx: RuleContext): Assignment {
  return {
    id, unitId, role: 'sub', status: 'dispatched', round: state.round,
    parentAssignmentId: parent.id, dispatchedAt: ctx.now, dispatchedBy: actor.id, signedAt: null, signedBy: null, opinion: null, completedAt: null,
  };
}

function subSignForClock(assignment: Assignment, ctx: RuleContext): Clock {
  return startClock('signFor', `signFor:${assignment.id}`, { unitId: assignment.unitId, assignmentId: assignment.id }, ctx.now, ctx);
}

/** Sub-dispatch as cases before the patch `sub-dispatch-tree` had it: the lead unit, to one unit, while it handles the case itself. */
function legacySubDispatch(state: PetitionState, input: CommandInput<'subDispatch'>, actor: Actor, ctx: RuleContext): Decision {
  requireStatus(state, ['signed'], 'subDispatch');
  const leadAssignment = lead(state);
  requireOwnUnit(actor, leadAssignment, 'lead');
  requireRunning(state, 'subDispatch');
  if (input.subUnitIds.length > 1) throw refuse.input('this case predates sub-dispatch to several units: name one', { subUnitIds: 'one unit only' });
  const [subUnitId] = input.subUnitIds as [string];
  if (subUnitId === leadAssignment.unitId) throw refuse.input('a unit cannot sub-dispatch to itself', { subUnitId: 'is the lead unit' });
  const assignment = subAssignment(state, `${state.caseId}-A${state.seq + 1}-s`, subUnitId, leadAssignment, actor, ctx);
  return { events: [{ type: 'subDispatched', assignment, clocks: [subSignForClock(assignment, ctx), subHandleClock(state, assignment, ctx)] }], reason: input.instructions ?? null };
}

/** The office's clock for deciding on an unsatisfied callback: a rule setting's working days, warned at the default share. */
function unsatisfiedDecisionClock(ctx: RuleContext): Clock {
  const workingDays = ctx.settings.unsatisfiedDecisionWorkingDays ?? DEFAULT_SETTINGS.unsatisfiedDecisionWorkingDays;
  return computeClock({
    key: 'unsatisfiedDecision', name: 'unsatisfiedDecision', unitId: null, assignmentId: null, startedAt: ctx.now,
    limit: { amount: workingDays, unit: 'workingDays' }, warning: { ratio: RULE_SETTINGS['warning.defaultRatio'].default }, extensionWorkingDays: 0, overrideDueAt: null,
  }, ctx);
}

function closeEvent(explanation: string | null, ctx: RuleContext): PetitionEventData {
  return { type: 'closed', explanation, reReviewClock: startClock('reReviewWindow', 'reReviewWindow', { unitId: null, assignmentId: null }, ctx.now, ctx) };
}

/** Validates and decides a command. Throws CommandRefusal; returns the events otherwise. */
export function decide(state: PetitionState, command: CommandName, rawInput: unknown, actor: Actor, ctx: RuleContext): Decision {
  if (state.finished) throw refuse.state(`the case is ${STATUS_TEXT[state.status]}; it takes no more commands`);
  const parsed = commandInputs[command].safeParse(rawInput ?? {});
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.') || '(input)', issue.message]));
    throw refuse.input(`invalid ${command} input`, fields);
  }
  return decideParsed(state, command, parsed.data as CommandInput<CommandName>, actor, ctx);
}

/**
 * Decides a command whose input already passed its schema (allowedCommands' probes, written as
 * parsed inputs): no schema is built or run, so a query leaves none behind in the workflow.
 */
export function decideParsed<C extends CommandName>(state: PetitionState, command: C, input: CommandInput<C>, actor: Actor, ctx: RuleContext): Decision {
  if (state.finished) throw refuse.state(`the case is ${STATUS_TEXT[state.status]}; it takes no more commands`);
  // Clocks started after a dispatch by phone or in writing take that mode's policies.
  return (handlers[command] as Handler<CommandName>)(state, input as never, actor, withDispatchMode(ctx, state.dispatchMode));
}
