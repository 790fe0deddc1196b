// Folds events into the state. Total and pure: the workflow applies each event once, and an
// auditor's replay of the audit trail applies the same events to rebuild any past state.
import type { WarningLevel } from '../limits';
import { applyClockEvent, isDutyClock } from './clocks';
import { replyClockKey } from './supervision';
import { liveSubsOf } from './subUnits';
import type { Assignment, CaseProfile, Clock, PetitionEvent, PetitionState, SupervisionNoticeState } from './types';

export function initialState(caseId: string, profile: CaseProfile, receivedAt: number, registeredAt: number): PetitionState {
  return {
    caseId,
    status: 'registered',
    profile,
    receivedAt,
    registeredAt,
    seq: 0,
    round: 0,
    assignments: [],
    leadAssignmentId: null,
    clocks: [],
    pendingReturn: null,
    pendingExtension: null,
    results: [],
    callbacks: [],
    contacts: [],
    supervisionNotices: [],
    forwards: [],
    leaderInstructions: [],
    counters: { returns: 0, extensions: 0, extensionWorkingDays: 0, rehandles: 0, urges: 0, supervisions: 0, unsatisfiedRehandles: 0 },
    urgesByUnit: {},
    suspension: null,
    suspendedWorkingDays: 0,
    warningLevel: 'green',
    escalationLevel: 0,
    satisfaction: null,
    resolved: null,
    mergedIntoId: null,
    closedAt: null,
    reReviewUntil: null,
    reReviewFrom: null,
    judgedUnreasonable: false,
    archivedAt: null,
    finished: false,
    recent: [],
  };
}

/** Events kept in the state's short history. */
export const RECENT_EVENTS = 20;

const LEVEL_ORDER: Record<WarningLevel, number> = { green: 0, yellow: 1, red: 2 };

function withClocks(state: PetitionState, clocks: Clock[]): PetitionState {
  const duty = clocks.filter((c) => isDutyClock(c.name));
  const warningLevel = duty.reduce<WarningLevel>((worst, c) => (LEVEL_ORDER[c.level] > LEVEL_ORDER[worst] ? c.level : worst), 'green');
  const dutyEscalation = duty.reduce<0 | 1 | 2 | 3>((max, c) => (c.escalation > max ? c.escalation : max), 0);
  // A level-2 supervision notice left unanswered took the case to leadership.
  const escalationLevel = (state.supervisionNotices ?? []).some((n) => n.escalatedTo === 'leadership') ? 3 : dutyEscalation;
  return { ...state, clocks, warningLevel, escalationLevel };
}

function replaceClock(clocks: Clock[], clock: Clock): Clock[] {
  return [...clocks.filter((c) => c.key !== clock.key), clock];
}

function withoutClocks(clocks: Clock[], keys: (key: string, clock: Clock) => boolean): Clock[] {
  return clocks.filter((c) => !keys(c.key, c));
}

function updateNotice(state: PetitionState, id: string, change: Partial<SupervisionNoticeState>): SupervisionNoticeState[] {
  return (state.supervisionNotices ?? []).map((n) => (n.id === id ? { ...n, ...change } : n));
}

function updateAssignment(state: PetitionState, id: string, change: Partial<Assignment>): Assignment[] {
  return state.assignments.map((a) => (a.id === id ? { ...a, ...change } : a));
}

export function evolve(state: PetitionState, event: PetitionEvent): PetitionState {
  const next = applyEvent(state, event);
  const summary = { seq: event.seq, type: event.type, at: event.at, actorId: event.actor.id, reason: event.reason };
  // `?? []`: a state carried over from before this field existed has none.
  return { ...next, recent: [...(state.recent ?? []), summary].slice(-RECENT_EVENTS) };
}

function applyEvent(state: PetitionState, event: PetitionEvent): PetitionState {
  const next: PetitionState = { ...state, seq: event.seq };
  switch (event.type) {
    case 'registered':
      return { ...initialState(event.caseId, event.profile, event.receivedAt, event.registeredAt), seq: event.seq };

    case 'answeredDirectly':
      return withClocks({ ...next, status: 'answeredDirectly', closedAt: event.at, reReviewUntil: event.reReviewClock.dueAt }, [event.reReviewClock]);

    case 'rejected':
      return withClocks({ ...next, status: 'rejected', closedAt: event.at, finished: true }, []);

    case 'merged':
      return withClocks({ ...next, status: 'merged', mergedIntoId: event.intoCaseId, closedAt: event.at, finished: true }, []);

    case 'dispatched': {
      const lead = event.assignments.find((a) => a.role === 'lead')!;
      return withClocks(
        { ...next, status: 'dispatched', round: event.round, assignments: [...state.assignments, ...event.assignments], leadAssignmentId: lead.id, pendingReturn: null, ...(event.mode ? { dispatchMode: event.mode } : {}) },
        [...state.clocks, ...event.clocks],
      );
    }

    case 'signedFor': {
      const assignment = state.assignments.find((a) => a.id === event.assignmentId)!;
      const isLead = assignment.role === 'lead';
      return withClocks(
        { ...next, status: isLead ? 'signed' : state.status, assignments: updateAssignment(state, assignment.id, { status: 'signed', signedAt: event.at, signedBy: event.actor.id }) },
        withoutClocks(state.clocks, (key) => key === event.stoppedClock),
      );
    }

    case 'assistOpinionSubmitted':
      return withClocks(
        { ...next, assignments: updateAssignment(state, event.assignmentId, { status: 'opinionSubmitted', opinion: event.opinion, completedAt: event.at }) },
        withoutClocks(state.clocks, (key) => key === event.stoppedClock),
      );

    case 'returnRequested':
      return {
        ...next,
        status: event.request.arbitration ? 'arbitration' : 'returnRequested',
        pendingReturn: event.request,
        assignments: updateAssignment(state, event.request.assignmentId, { status: 'returnRequested' }),
      };

    case 'returnDecided': {
      const pending = state.pendingReturn!;
      if (!event.approved) {
        const resumed = pending.resumeStatus === 'signed' ? 'signed' : 'dispatched';
        return { ...next, status: pending.resumeStatus, pendingReturn: null, assignments: updateAssignment(state, pending.assignmentId, { status: resumed }) };
      }
      const withdrawn = new Set(event.withdrawnAssignmentIds);
      return withClocks(
        {
          ...next,
          pendingReturn: null,
          pendingExtension: null,
          leadAssignmentId: null,
          counters: { ...state.counters, returns: state.counters.returns + 1 },
          assignments: state.assignments.map((a) => (withdrawn.has(a.id) ? { ...a, status: a.id === pending.assignmentId ? 'returned' : 'withdrawn', completedAt: event.at } : a)),
        },
        withoutClocks(state.clocks, (key, c) => key === 'extensionDecision' || (c.assignmentId !== null && withdrawn.has(c.assignmentId))),
      );
    }

    case 'extensionRequested':
      return withClocks({ ...next, pendingExtension: event.request }, replaceClock(state.clocks, event.decisionClock));

    case 'extensionDecided': {
      const pending = state.pendingExtension!;
      const clocks = withoutClocks(state.clocks, (key) => key === 'extensionDecision');
      if (!event.approved || event.handleClock === null) return withClocks({ ...next, pendingExtension: null }, clocks);
      return withClocks(
        {
          ...next,
          pendingExtension: null,
          counters: { ...state.counters, extensions: state.counters.extensions + 1, extensionWorkingDays: state.counters.extensionWorkingDays + pending.workingDays },
        },
        replaceClock(clocks, event.handleClock),
      );
    }

    case 'resultSubmitted': {
      const bySub = state.assignments.find((a) => a.id === event.result.assignmentId)?.role === 'sub';
      return withClocks(
        {
          ...next,
          status: bySub ? state.status : 'resultSubmitted',
          results: [...state.results, event.result],
          assignments: updateAssignment(state, event.result.assignmentId, { status: 'resultSubmitted' }),
        },
        bySub ? withoutClocks(state.clocks, (key) => key === `subHandle:${event.result.assignmentId}`) : state.clocks,
      );
    }

    case 'subDispatched':
      return withClocks(
        {
          ...next,
          status: 'subDispatched',
          assignments: [...updateAssignment(state, event.assignment.parentAssignmentId!, { status: 'subDispatched' }), event.assignment],
        },
        [...state.clocks, ...event.clocks],
      );

    case 'subResultReviewed': {
      const result = state.results.find((r) => r.id === event.resultId)!;
      const results = state.results.map((r) => (r.id === event.resultId ? { ...r, reviewOutcome: event.accepted ? ('accepted' as const) : ('sentBack' as const), reviewedAt: event.at, reviewedBy: event.actor.id, reviewComment: event.reason } : r));
      if (!event.accepted) {
        return withClocks({ ...next, results, assignments: updateAssignment(state, result.assignmentId, { status: 'signed' }) }, [...state.clocks, event.subHandleClock!]);
      }
      // The parent handles the case again once none of its sub-units is still at work; the case, once the lead's are all done.
      const completed = { ...state, assignments: updateAssignment(state, result.assignmentId, { status: 'completed', completedAt: event.at }) };
      const parentId = completed.assignments.find((a) => a.id === result.assignmentId)!.parentAssignmentId!;
      if (liveSubsOf(completed, parentId).length > 0) return { ...next, results, assignments: completed.assignments };
      const assignments = updateAssignment(completed, parentId, { status: 'signed' });
      return { ...next, status: parentId === state.leadAssignmentId ? 'signed' : state.status, results, assignments };
    }

    case 'unitApproved': {
      // The deadline the clock stops at stays on the result, so statistics can judge it later.
      const handleDueAt = state.clocks.find((c) => c.key === 'handle')?.dueAt ?? null;
      return withClocks(
        {
          ...next,
          status: 'unitApproved',
          results: state.results.map((r) => (r.id === event.resultId ? { ...r, unitApprovedAt: event.at, unitApprovedBy: event.actor.id, handleDueAt } : r)),
        },
        // The unit's work is done when its result goes up: its handling clock stops.
        withoutClocks(state.clocks, (key) => key === 'handle' || key === 'returnWindow'),
      );
    }

    case 'reviewed': {
      const results = state.results.map((r) =>
        r.id === event.resultId ? { ...r, reviewOutcome: event.accepted ? ('accepted' as const) : ('sentBack' as const), reviewedAt: event.at, reviewedBy: event.actor.id, reviewComment: event.reason } : r,
      );
      if (!event.accepted) return { ...next, results };
      return withClocks(
        {
          ...next,
          status: 'callback',
          results,
          resolved: results.find((r) => r.id === event.resultId)?.resolved ?? null,
          callbacks: [...state.callbacks, event.callback!],
          assignments: state.assignments.map((a) => (a.id === state.leadAssignmentId ? { ...a, status: 'completed', completedAt: event.at } : a)),
        },
        replaceClock(state.clocks, event.callbackClock!),
      );
    }

    case 'unsatisfiedReferred':
      return withClocks({ ...next, status: 'awaitingUnsatisfiedDecision' }, replaceClock(withoutClocks(state.clocks, (key) => key === 'callback'), event.decisionClock));

    case 'unsatisfiedDecided':
      return withClocks(
        { ...next, judgedUnreasonable: event.decision === 'unreasonable' },
        withoutClocks(state.clocks, (key) => key === 'unsatisfiedDecision'),
      );

    case 'rehandleStarted': {
      const unsatisfiedRehandles = (state.counters.unsatisfiedRehandles ?? 0) + (event.cause === 'unsatisfied' ? 1 : 0);
      return withClocks(
        {
          ...next,
          status: 'signed',
          round: state.round + 1,
          counters: { ...state.counters, rehandles: state.counters.rehandles + 1, unsatisfiedRehandles },
          judgedUnreasonable: false,
          closedAt: null,
          reReviewUntil: null,
          reReviewFrom: null,
          assignments: state.assignments.map((a) => (a.id === state.leadAssignmentId ? { ...a, status: 'signed', round: state.round + 1, completedAt: null } : a)),
        },
        replaceClock(withoutClocks(state.clocks, (key) => key === 'callback' || key === 'reReviewWindow' || key === 'unsatisfiedDecision'), event.handleClock),
      );
    }

    case 'callbackRecorded': {
      const callbacks = state.callbacks.map((c) =>
        c.id === event.callbackId
          ? { ...c, attempts: c.attempts + 1, outcome: event.final || event.outcome === 'reached' ? event.outcome : c.outcome, satisfaction: event.satisfaction, resolved: event.resolved, method: event.method, comment: event.comment, finishedAt: event.final || event.outcome === 'reached' ? event.at : null }
          : c,
      );
      return { ...next, callbacks, satisfaction: event.satisfaction ?? state.satisfaction, resolved: event.resolved ?? state.resolved };
    }

    case 'closed':
      // A closed case's supervision notices no longer wait for replies.
      return withClocks(
        { ...next, status: 'closed', closedAt: event.at, reReviewUntil: event.reReviewClock.dueAt },
        replaceClock(withoutClocks(state.clocks, (key, c) => key === 'callback' || c.name === 'supervisionReply'), event.reReviewClock),
      );

    case 'reReviewRequested':
      return { ...next, status: 'reReview', reReviewFrom: state.status };

    case 'reReviewDecided': {
      if (!event.reopen) return { ...next, status: state.reReviewFrom ?? 'closed', reReviewFrom: null };
      // Reopening a case answered at first contact sends it to dispatch.
      if (state.leadAssignmentId === null) return withClocks({ ...next, status: 'registered', closedAt: null, reReviewUntil: null, reReviewFrom: null }, []);
      return next;
    }

    case 'windowEnded':
      return withClocks(next, withoutClocks(state.clocks, (key) => key === event.clockKey));

    case 'archived':
      return withClocks({ ...next, status: 'archived', archivedAt: event.at, finished: true }, []);

    case 'citizenContacted':
      return { ...next, contacts: [...(state.contacts ?? []), event.contact] };

    case 'handlerAssigned':
      return { ...next, assignments: updateAssignment(state, event.assignmentId, { handler: event.handler }) };

    case 'forwardedForInformation':
      return { ...next, forwards: [...(state.forwards ?? []), ...event.forwards] };

    case 'forwardRead':
      return { ...next, forwards: (state.forwards ?? []).map((f) => (f.id === event.forwardId ? { ...f, readAt: event.at, readBy: event.actor.id } : f)) };

    case 'leaderInstructionAttached':
      return { ...next, leaderInstructions: [...(state.leaderInstructions ?? []), event.instruction] };

    case 'reclassified': {
      const byKey = new Map(event.clocks.map((c) => [c.key, c]));
      return withClocks({ ...next, profile: event.to }, state.clocks.map((c) => byKey.get(c.key) ?? c));
    }

    case 'suspended': {
      const byKey = new Map(event.clocks.map((c) => [c.key, c]));
      return withClocks({ ...next, suspension: event.suspension }, state.clocks.map((c) => byKey.get(c.key) ?? c));
    }

    case 'resumed': {
      const byKey = new Map(event.clocks.map((c) => [c.key, c]));
      return withClocks(
        { ...next, suspension: null, suspendedWorkingDays: (state.suspendedWorkingDays ?? 0) + event.workingDays },
        state.clocks.map((c) => byKey.get(c.key) ?? c),
      );
    }

    case 'urged':
      return withClocks(
        { ...next, counters: { ...state.counters, urges: state.counters.urges + 1 }, urgesByUnit: { ...state.urgesByUnit, [event.unitId]: (state.urgesByUnit?.[event.unitId] ?? 0) + 1 } },
        applyClockEvent(state.clocks, event),
      );

    case 'supervised': {
      const counted = { ...next, counters: { ...state.counters, supervisions: state.counters.supervisions + 1 } };
      const clocks = applyClockEvent(state.clocks, event);
      if (!event.replyClock) return withClocks(counted, clocks);
      const notice: SupervisionNoticeState = {
        id: event.noticeId, unitId: event.unitId, level: event.level, automatic: event.automatic, content: event.content,
        issuedAt: event.at, issuedBy: event.automatic ? null : event.actor.id, status: 'awaitingReply', replyDueAt: event.replyClock.dueAt,
        reply: null, repliedAt: null, repliedBy: null, accepted: null, evaluationComment: null, evaluatedAt: null, evaluatedBy: null, escalatedTo: null,
      };
      return withClocks({ ...counted, supervisionNotices: [...(state.supervisionNotices ?? []), notice] }, replaceClock(clocks, event.replyClock));
    }

    case 'supervisionAnswered':
      return withClocks(
        { ...next, supervisionNotices: updateNotice(state, event.noticeId, { status: 'answered', reply: event.reply, repliedAt: event.at, repliedBy: event.actor.id, accepted: null, evaluationComment: null, evaluatedAt: null, evaluatedBy: null }) },
        withoutClocks(state.clocks, (key) => key === event.stoppedClock),
      );

    case 'supervisionAnswerEvaluated': {
      const evaluation = { accepted: event.accepted, evaluationComment: event.comment, evaluatedAt: event.at, evaluatedBy: event.actor.id };
      if (event.accepted || !event.replyClock) return { ...next, supervisionNotices: updateNotice(state, event.noticeId, { ...evaluation, status: 'accepted' }) };
      return withClocks(
        { ...next, supervisionNotices: updateNotice(state, event.noticeId, { ...evaluation, status: 'awaitingReply', replyDueAt: event.replyClock.dueAt }) },
        replaceClock(state.clocks, event.replyClock),
      );
    }

    case 'supervisionEscalated':
      return withClocks(
        { ...next, supervisionNotices: updateNotice(state, event.noticeId, { status: 'escalated', escalatedTo: event.to }) },
        withoutClocks(state.clocks, (key) => key === replyClockKey(event.noticeId)),
      );

    case 'criticized':
      return next;

    case 'warningChanged':
      return withClocks(next, applyClockEvent(state.clocks, event));

    case 'deadlineOverridden':
      return withClocks(
        { ...next, reReviewUntil: event.clock.key === 'reReviewWindow' ? event.clock.dueAt : state.reReviewUntil },
        replaceClock(state.clocks, event.clock),
      );

    case 'deadlinesRecomputed': {
      const byKey = new Map(event.clocks.map((c) => [c.key, c]));
      const clocks = state.clocks.map((c) => byKey.get(c.key) ?? c);
      const reReview = clocks.find((c) => c.key === 'reReviewWindow');
      return withClocks({ ...next, reReviewUntil: reReview ? reReview.dueAt : state.reReviewUntil }, clocks);
    }
  }
}
