// What one projection batch writes, table by table, as plain rows: the pure half of
// activities/projection.ts. A key left out of a row keeps the column's value on update (as
// `undefined` does in Prisma); `null` clears it. Rows go to the database as one JSON document
// (activities/projectionStatement.ts), so dates travel as ISO strings.
import type { Clock, PetitionEvent, PetitionState } from '../rules/lifecycle/types';
import { isDutyClock } from '../rules/lifecycle/clocks';
import type { Registration } from '../workflows/petition/types';

export interface ProjectCaseInput {
  /** Present on the first batch only: what the operator registered. */
  registration: Registration | null;
  state: PetitionState;
  events: PetitionEvent[];
}

type Row = Record<string, unknown>;

/** Every table's rows for one batch; the keys are the statement's (projectionStatement.ts). */
export interface ProjectionBatch {
  /** The last event's audit key: a batch whose key is already written is skipped whole. */
  idempotencyKey: string;
  /** The case row, inserted with the registration on the first batch. */
  caseInserts: Row[];
  /** The case row on later batches; applied only over an older `projectionVersion`. */
  caseUpdates: Row[];
  assignments: Row[];
  results: Row[];
  callbacks: Row[];
  returnRequests: Row[];
  returnDecisions: Row[];
  extensionRequests: Row[];
  extensionDecisions: Row[];
  urges: Row[];
  contacts: Row[];
  supervisions: Row[];
  criticisms: Row[];
  reReviewRequests: Row[];
  reReviewDecisions: Row[];
  attachmentCitations: Row[];
  auditEvents: Row[];
}

const date = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms));

function clockDue(state: PetitionState, key: string): Date | null {
  return date(state.clocks.find((c: Clock) => c.key === key)?.dueAt);
}

/**
 * The handling deadline a stopped clock left: the one in force when the current lead
 * assignment's latest result was approved. Null while a handling clock runs (`handleDueAt` holds
 * it) or before any result went up; `undefined` (keep the column) for a result approved before
 * results kept their deadline, whose column the migration filled.
 */
export function finalHandleDueAt(state: PetitionState): Date | null | undefined {
  if (state.clocks.some((c) => c.key === 'handle')) return null;
  const result = state.results.filter((r) => r.assignmentId === state.leadAssignmentId && r.unitApprovedAt !== null).at(-1);
  if (!result) return null;
  return result.handleDueAt === undefined ? undefined : date(result.handleDueAt);
}

/** The duty clocks running (none while suspended). */
const runningDutyClocks = (state: PetitionState) => state.clocks.filter((c) => isDutyClock(c.name) && c.pausedAt == null);

const earliest = (instants: number[]): Date | null => (instants.length > 0 ? new Date(Math.min(...instants)) : null);

/** The earliest deadline among the duty clocks running: what the overdue board compares with now. */
export function nextDueAt(state: PetitionState): Date | null {
  return earliest(runningDutyClocks(state).map((c) => c.dueAt));
}

/** The earliest yellow point among the duty clocks running that are still green: when the API's light turns yellow. */
export function nextYellowAt(state: PetitionState): Date | null {
  return earliest(runningDutyClocks(state).filter((c) => c.level === 'green').map((c) => c.yellowAt));
}

/** The audit payload: the event without its metadata (which has columns of its own). */
function payloadOf(event: PetitionEvent): object {
  const { seq: _seq, at: _at, actor: _actor, reason: _reason, ...data } = event;
  return data;
}

/** The case columns the workflow's state decides, on every batch. */
function caseStateColumns(state: PetitionState, now: Date): Row {
  const lead = state.assignments.find((a) => a.id === state.leadAssignmentId) ?? null;
  const firstDispatch = state.assignments.find((a) => a.role === 'lead') ?? null;
  const lastResult = state.results.filter((r) => state.assignments.some((a) => a.id === r.assignmentId && a.role === 'lead')).at(-1) ?? null;
  const handle = state.clocks.find((c) => c.key === 'handle');
  const lastCallback = state.callbacks.at(-1) ?? null;
  return {
    id: state.caseId,
    status: state.status,
    // The profile a reclassification may change (registration set it first).
    caseTypeCode: state.profile.caseTypeCode,
    categoryId: state.profile.categoryId,
    urgency: state.profile.urgency,
    leadUnitId: lead?.unitId ?? null,
    assignedUnitIds: [...new Set(state.assignments.map((a) => a.unitId))].sort(),
    // 转阅: the units that read the case (the list's unit scope includes them) and those that marked it read.
    readerUnitIds: (state.forwards ?? []).map((f) => f.unitId).sort(),
    readByUnitIds: (state.forwards ?? []).filter((f) => f.readAt !== null).map((f) => f.unitId).sort(),
    dispatchMode: state.dispatchMode ?? (firstDispatch ? 'system' : null),
    leaderInstructedAt: date(state.leaderInstructions?.at(-1)?.attachedAt),
    dispatchedAt: date(firstDispatch?.dispatchedAt),
    signedAt: date(lead?.signedAt),
    resultSubmittedAt: date(lastResult?.submittedAt),
    closedAt: date(state.closedAt),
    archivedAt: date(state.archivedAt),
    signForDueAt: lead ? clockDue(state, `signFor:${lead.id}`) : null,
    handleDueAt: date(handle?.dueAt),
    finalHandleDueAt: finalHandleDueAt(state),
    // The deadline first set: not one an extension, an override or a suspension moved.
    originalHandleDueAt: handle && handle.extensionWorkingDays === 0 && handle.overrideDueAt === null && !handle.suspendedWorkingDays ? date(handle.dueAt) : undefined,
    reReviewUntil: date(state.reReviewUntil),
    nextDueAt: nextDueAt(state),
    nextYellowAt: nextYellowAt(state),
    warningLevel: state.warningLevel,
    escalationLevel: state.escalationLevel,
    returnCount: state.counters.returns,
    extensionCount: state.counters.extensions,
    extensionWorkingDays: state.counters.extensionWorkingDays,
    rehandleCount: state.counters.rehandles,
    urgeCount: state.counters.urges,
    supervisionCount: state.counters.supervisions,
    suspendedAt: date(state.suspension?.suspendedAt),
    suspendedUntil: date(state.suspension?.resumeAt),
    suspendedWorkingDays: state.suspendedWorkingDays ?? 0,
    satisfaction: lastCallback?.satisfaction ?? state.satisfaction,
    resolved: state.resolved,
    // Absent from states kept before 核减 existed: none of those was judged unreasonable.
    judgedUnreasonable: state.judgedUnreasonable ?? false,
    projectionVersion: state.seq,
    updatedAt: now,
  };
}

function registrationColumns(r: Registration, state: PetitionState): Row {
  return {
    workflowId: state.caseId, channel: r.channel,
    title: r.title, content: r.content, citizenName: r.citizenName, citizenPhone: r.citizenPhone, address: r.address,
    latitude: r.latitude ?? null, longitude: r.longitude ?? null, queryPasswordHash: r.queryPasswordHash ?? null,
    publishConsent: r.publishConsent === true,
    confidential: r.confidential === true,
    complainedUnitId: r.complainedUnitId ?? null,
    receivedAt: new Date(r.receivedAt), registeredAt: new Date(state.registeredAt), registeredById: r.registeredBy.id,
  };
}

function assignmentRows(state: PetitionState, now: Date): Row[] {
  return state.assignments.map((a) => {
    const clockOf = (prefix: string) => date(state.clocks.find((c) => c.key === `${prefix}:${a.id}`)?.dueAt);
    const dueAt = a.role === 'lead' ? (a.id === state.leadAssignmentId ? clockDue(state, 'handle') : null) : clockOf(a.role === 'sub' ? 'subHandle' : 'assistOpinion');
    const clockLevels = state.clocks.filter((c) => c.assignmentId === a.id).map((c) => c.level);
    const contactTimes = (state.contacts ?? []).filter((c) => c.assignmentId === a.id).map((c) => c.contactedAt);
    return {
      id: a.id, caseId: state.caseId, unitId: a.unitId, role: a.role, parentAssignmentId: a.parentAssignmentId,
      dispatchedById: a.dispatchedBy, dispatchedAt: new Date(a.dispatchedAt),
      status: a.status,
      round: a.round,
      signedAt: date(a.signedAt),
      signedById: a.signedBy,
      // A clock that stopped leaves its last deadline on the row (null keeps the column).
      signForDueAt: clockOf('signFor'),
      dueAt,
      completedAt: date(a.completedAt),
      firstContactAt: contactTimes.length > 0 ? new Date(Math.min(...contactTimes)) : null,
      opinion: a.opinion,
      warningLevel: clockLevels.includes('red') ? 'red' : clockLevels.includes('yellow') ? 'yellow' : 'green',
      handlerId: a.handler?.userId ?? null,
      handlerName: a.handler?.name ?? null,
      handlerAssignedAt: date(a.handler?.assignedAt),
      updatedAt: now,
    };
  });
}

function resultRows(state: PetitionState): Row[] {
  return state.results.map((r) => ({
    id: r.id, caseId: state.caseId, assignmentId: r.assignmentId, unitId: r.unitId, round: r.round, actionsTaken: r.actionsTaken,
    replyToCitizen: r.replyToCitizen, legalBasis: r.legalBasis, handlerName: r.handlerName, reviewerName: r.reviewerName,
    citizenContacted: r.citizenContacted, resolved: r.resolved, submittedById: r.submittedBy, submittedAt: new Date(r.submittedAt),
    unitApprovedById: r.unitApprovedBy, unitApprovedAt: date(r.unitApprovedAt), reviewOutcome: r.reviewOutcome,
    reviewedById: r.reviewedBy, reviewedAt: date(r.reviewedAt), reviewComment: r.reviewComment,
  }));
}

function callbackRows(state: PetitionState): Row[] {
  return state.callbacks.map((c) => ({
    id: c.id, caseId: state.caseId, round: c.round, dueAt: clockDue(state, 'callback') ?? new Date(c.startedAt), startedAt: new Date(c.startedAt),
    status: c.outcome === 'reached' ? 'reached' : c.outcome === 'unreachable' ? 'unreachable' : c.attempts > 0 ? 'inProgress' : 'pending',
    finishedAt: date(c.finishedAt), method: c.method, satisfaction: c.satisfaction, resolved: c.resolved, comment: c.comment,
  }));
}

/**
 * A request and its decision. A decision on a request made in the same batch is folded into the
 * request's row: one statement cannot insert a row and then update it.
 */
class Requests {
  readonly created = new Map<string, Row>();
  readonly decided = new Map<string, Row>();

  request(row: Row & { id: string }): void {
    this.created.set(row.id, row);
  }

  decide(id: string, decision: Row): void {
    const created = this.created.get(id);
    if (created) Object.assign(created, decision);
    else this.decided.set(id, { id, ...decision });
  }
}

/** A notice's reply as the state holds it now (none for notices issued before replies: their columns stay empty). */
function noticeReply(state: PetitionState, noticeId: string): Row {
  const notice = state.supervisionNotices?.find((n) => n.id === noticeId);
  if (!notice) return {};
  return {
    replyStatus: notice.status, dueAt: date(notice.replyDueAt), response: notice.reply, respondedAt: date(notice.repliedAt), respondedById: notice.repliedBy,
    accepted: notice.accepted, evaluationComment: notice.evaluationComment, evaluatedAt: date(notice.evaluatedAt), evaluatedById: notice.evaluatedBy, escalatedTo: notice.escalatedTo,
  };
}

function eventRows(state: PetitionState, events: PetitionEvent[]) {
  const caseId = state.caseId;
  const returns = new Requests();
  const extensions = new Requests();
  const urges: Row[] = [];
  const contacts: Row[] = [];
  const supervisions: Row[] = [];
  const criticisms: Row[] = [];
  const reReviewRequests: Row[] = [];
  const reReviewDecisions: Row[] = [];
  const attachmentCitations: Row[] = [];
  let mergedIntoId: string | undefined;
  for (const event of events) {
    const at = new Date(event.at);
    switch (event.type) {
      case 'returnRequested': {
        const r = event.request;
        returns.request({
          id: r.id, caseId, assignmentId: r.assignmentId, unitId: r.unitId, reason: r.reason, requestedById: r.requestedBy,
          requestedAt: new Date(r.requestedAt), arbitrated: r.arbitration, decision: 'pending', wrongReturn: false,
        });
        break;
      }
      case 'returnDecided': {
        const redispatch = events.find((e) => e.type === 'dispatched' && e.seq === event.seq + 1);
        const redispatchUnitId = redispatch?.type === 'dispatched' ? (redispatch.assignments.find((a) => a.role === 'lead')?.unitId ?? null) : null;
        returns.decide(event.requestId, {
          decision: event.approved ? 'approved' : 'rejected', decidedById: event.actor.id, decidedAt: at, decisionReason: event.reason,
          wrongReturn: event.wrongReturn, redispatchUnitId,
        });
        break;
      }
      case 'extensionRequested': {
        const r = event.request;
        extensions.request({
          id: r.id, caseId, assignmentId: r.assignmentId, unitId: r.unitId, workingDays: r.workingDays, reason: r.reason,
          requestedById: r.requestedBy, requestedAt: new Date(r.requestedAt), beyondCap: r.beyondCap,
          previousDueAt: clockDue(state, 'handle') ?? at, decision: 'pending',
        });
        break;
      }
      case 'extensionDecided':
        extensions.decide(event.requestId, {
          decision: event.approved ? 'approved' : 'rejected', decidedById: event.actor.id, decidedAt: at, decisionReason: event.reason,
          newDueAt: date(event.handleClock?.dueAt),
        });
        break;
      case 'urged':
        urges.push({ id: event.urgeId, caseId, unitId: event.unitId, kind: event.automatic ? 'automatic' : 'manual', reason: event.reason, actorId: event.automatic ? null : event.actor.id, createdAt: at });
        break;
      case 'citizenContacted': {
        const k = event.contact;
        contacts.push({ id: k.id, caseId, assignmentId: k.assignmentId, unitId: k.unitId, means: k.means, contactedAt: new Date(k.contactedAt), note: k.note, recordedById: k.recordedBy, recordedAt: new Date(k.recordedAt) });
        break;
      }
      case 'supervised':
        supervisions.push({ id: event.noticeId, caseId, unitId: event.unitId, level: event.level, kind: event.automatic ? 'automatic' : 'manual', content: event.content, issuedById: event.automatic ? null : event.actor.id, issuedAt: at, ...noticeReply(state, event.noticeId) });
        break;
      case 'supervisionAnswered':
      case 'supervisionAnswerEvaluated':
      case 'supervisionEscalated': {
        const notice = state.supervisionNotices?.find((n) => n.id === event.noticeId);
        if (notice) supervisions.push({ id: notice.id, caseId, unitId: notice.unitId, level: notice.level, kind: notice.automatic ? 'automatic' : 'manual', content: notice.content, issuedById: notice.issuedBy, issuedAt: date(notice.issuedAt), ...noticeReply(state, notice.id) });
        break;
      }
      case 'criticized':
        criticisms.push({ id: event.noticeId, caseId, unitId: event.unitId, urgeCount: event.urgeCount, threshold: event.threshold, reason: event.reason ?? '', issuedAt: at });
        break;
      case 'reReviewRequested':
        reReviewRequests.push({ id: `${caseId}-Q${event.seq}`, caseId, reason: event.reason ?? '', channel: event.channel, requestedAt: at, status: 'pending' });
        break;
      case 'reReviewDecided': {
        const decision = { status: event.reopen ? 'reopened' : 'refused', decidedById: event.actor.id, decidedAt: at, decisionReason: event.reason };
        for (const pending of reReviewRequests.filter((r) => r.status === 'pending')) Object.assign(pending, decision);
        reReviewDecisions.push({ caseId, ...decision });
        break;
      }
      case 'resultSubmitted':
        // Files the submitter uploaded before the case was theirs to cite become the case's
        // (api/attachments/citations.ts let only those through).
        for (const id of event.result.attachmentIds) attachmentCitations.push({ id, uploadedById: event.actor.id, caseId });
        break;
      case 'merged':
        mergedIntoId = event.intoCaseId;
        break;
      default:
        break;
    }
  }
  return {
    mergedIntoId,
    rows: {
      returnRequests: [...returns.created.values()], returnDecisions: [...returns.decided.values()],
      extensionRequests: [...extensions.created.values()], extensionDecisions: [...extensions.decided.values()],
      urges: uniqueById(urges), contacts: uniqueById(contacts), supervisions: uniqueById(supervisions), criticisms: uniqueById(criticisms),
      reReviewRequests: uniqueById(reReviewRequests), reReviewDecisions, attachmentCitations,
    },
  };
}

/** One insert cannot touch a row twice: the last row of an id wins, as successive upserts did. */
function uniqueById(rows: Row[]): Row[] {
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}

function auditRows(caseId: string, events: PetitionEvent[]): Row[] {
  return events.map((event) => ({
    idempotencyKey: `${caseId}:${event.seq}`,
    caseId,
    entityType: 'case',
    entityId: caseId,
    action: event.type,
    actorId: event.actor.id,
    actorRole: event.actor.roles.join(','),
    actorUnitId: event.actor.unitId,
    reason: event.reason,
    payload: payloadOf(event),
    occurredAt: new Date(event.at),
  }));
}

/** The rows of one batch. `now` stamps `updatedAt`. */
export function projectionBatch({ registration, state, events }: ProjectCaseInput, now: Date): ProjectionBatch {
  const caseId = state.caseId;
  const { mergedIntoId, rows } = eventRows(state, events);
  // A merge names its target only if the target exists (the statement checks): kept otherwise.
  const caseRow = { ...caseStateColumns(state, now), ...(mergedIntoId === undefined ? {} : { mergedIntoId }) };
  return {
    idempotencyKey: `${caseId}:${events.at(-1)?.seq ?? 0}`,
    caseInserts: registration ? [{ ...registrationColumns(registration, state), ...caseRow }] : [],
    caseUpdates: registration ? [] : [caseRow],
    assignments: assignmentRows(state, now),
    results: resultRows(state),
    callbacks: callbackRows(state),
    ...rows,
    auditEvents: auditRows(caseId, events),
  };
}
