// The state of one petition and the events that change it. Plain data: the workflow holds a
// PetitionState, `decide` turns a command into events, `evolve` folds events into the state,
// and the same events are the audit trail (an auditor's replay folds them again).
import type { TimeLimit, WarningLevel, WarningPoint } from '../limits';
import type { CaseStatus, Channel, DispatchMode, Satisfaction, Urgency } from '../vocabulary';

export const ROLES = ['operator', 'dispatcher', 'unitHandler', 'unitLeader', 'supervisor', 'auditor', 'admin', 'citizen', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** Who issues a command, as the API authenticated them. `system` is the workflow's own timers. */
export interface Actor {
  id: string;
  roles: Role[];
  unitId: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', roles: ['system'], unitId: null };

export { CASE_STATUSES, FINISHED_STATUSES, type CaseStatus, type Channel, type Satisfaction, type Urgency } from '../vocabulary';

export interface CaseProfile {
  caseTypeCode: string;
  categoryId: string | null;
  /** The category and its ancestors, root first (policy lookup, statistics). */
  categoryLineage: string[];
  urgency: Urgency;
  channel: Channel;
}

/** Clocks a unit runs against: they warn, and escalate when overdue. */
export const DUTY_CLOCKS = ['signFor', 'handle', 'assistOpinion', 'subHandle'] as const;
/** Clocks of the hotline office itself: they warn but do not escalate to a unit. */
export const OFFICE_CLOCKS = ['extensionDecision', 'callback'] as const;
/** Windows: something is allowed until they end, and their end may act (archive). */
export const WINDOW_CLOCKS = ['returnWindow', 'reReviewWindow'] as const;
export type ClockName = (typeof DUTY_CLOCKS)[number] | (typeof OFFICE_CLOCKS)[number] | (typeof WINDOW_CLOCKS)[number];

/**
 * A running time limit. `limit`, `extensionWorkingDays` and `overrideDueAt` are what the
 * deadline is made of, so it can be recomputed when the calendar changes; `dueAt`,
 * `yellowAt` and the escalation points are the computed result.
 */
export interface Clock {
  /** Unique within the case, e.g. `handle` or `assistOpinion:<assignmentId>`. */
  key: string;
  name: ClockName;
  unitId: string | null;
  assignmentId: string | null;
  startedAt: number;
  limit: TimeLimit;
  warning: WarningPoint;
  extensionWorkingDays: number;
  overrideDueAt: number | null;
  dueAt: number;
  yellowAt: number;
  /** Computed with the Monday–Friday rule past the calendar's last covered day. */
  provisional: boolean;
  level: WarningLevel;
  /** 0 none, 1 urged automatically, 2 supervision notice, 3 leadership. */
  escalation: 0 | 1 | 2 | 3;
  supervisorAt: number | null;
  leadershipAt: number | null;
}

export type AssignmentRole = 'lead' | 'assist' | 'sub';
export type AssignmentStatus = 'dispatched' | 'signed' | 'returnRequested' | 'returned' | 'subDispatched' | 'opinionSubmitted' | 'resultSubmitted' | 'completed' | 'withdrawn';

export interface Assignment {
  id: string;
  unitId: string;
  role: AssignmentRole;
  status: AssignmentStatus;
  round: number;
  parentAssignmentId: string | null;
  dispatchedAt: number;
  dispatchedBy: string;
  signedAt: number | null;
  signedBy: string | null;
  opinion: string | null;
  completedAt: number | null;
}

export interface PendingReturn {
  id: string;
  assignmentId: string;
  unitId: string;
  reason: string;
  requestedAt: number;
  requestedBy: string;
  /** Past the maximum number of returns: a supervisor arbitrates. */
  arbitration: boolean;
  /** Status to go back to when the return is refused. */
  resumeStatus: CaseStatus;
}

export interface PendingExtension {
  id: string;
  assignmentId: string;
  unitId: string;
  workingDays: number;
  reason: string;
  requestedAt: number;
  requestedBy: string;
  /** Beyond the cumulative cap: only a supervisor may approve. */
  beyondCap: boolean;
}

export interface CaseResult {
  id: string;
  assignmentId: string;
  unitId: string;
  round: number;
  actionsTaken: string;
  replyToCitizen: string;
  legalBasis: string | null;
  handlerName: string;
  reviewerName: string | null;
  citizenContacted: boolean;
  resolved: boolean | null;
  attachmentIds: string[];
  submittedAt: number;
  submittedBy: string;
  unitApprovedAt: number | null;
  unitApprovedBy: string | null;
  /**
   * The handling deadline in force when the unit approved this result and its handling clock
   * stopped: what the result is judged against. Absent until the unit approves (and on results
   * approved before the deadline was kept: the projection then keeps the column it holds).
   */
  handleDueAt?: number | null;
  reviewOutcome: 'pending' | 'accepted' | 'sentBack';
  reviewedAt: number | null;
  reviewedBy: string | null;
  reviewComment: string | null;
}

export interface CallbackRound {
  id: string;
  round: number;
  startedAt: number;
  attempts: number;
  outcome: 'pending' | 'reached' | 'unreachable';
  satisfaction: Satisfaction | null;
  resolved: boolean | null;
  method: 'phoneCall' | 'sms' | 'operator' | null;
  comment: string | null;
  finishedAt: number | null;
}

/** The lead unit's contact with the citizen (响应), as the unit recorded it. */
export interface CitizenContact {
  id: string;
  assignmentId: string;
  unitId: string;
  means: 'phone' | 'visit' | 'sms' | 'wechat' | 'other';
  contactedAt: number;
  note: string | null;
  recordedAt: number;
  recordedBy: string;
}

/** 转阅: a unit given the case to read, with no reply due and no clock (seed 003 第十二条). */
export interface InformationForward {
  id: string;
  unitId: string;
  note: string | null;
  forwardedAt: number;
  forwardedBy: string;
  /** When the unit marked it read (optional for the unit). */
  readAt: number | null;
  readBy: string | null;
}

/** 领导批示: a leader's instruction on the case (seed 002: 领导批示件). */
export interface LeaderInstruction {
  id: string;
  leaderName: string;
  leaderTitle: string | null;
  instruction: string;
  attachedAt: number;
  attachedBy: string;
}

export interface Counters {
  returns: number;
  extensions: number;
  extensionWorkingDays: number;
  rehandles: number;
  urges: number;
  supervisions: number;
}

export interface PetitionState {
  caseId: string;
  status: CaseStatus;
  profile: CaseProfile;
  receivedAt: number;
  registeredAt: number;
  /** Sequence of the last event applied; events are numbered from 1. */
  seq: number;
  round: number;
  assignments: Assignment[];
  leadAssignmentId: string | null;
  clocks: Clock[];
  pendingReturn: PendingReturn | null;
  pendingExtension: PendingExtension | null;
  results: CaseResult[];
  callbacks: CallbackRound[];
  /** Absent from states carried over from before contacts were recorded. */
  contacts?: CitizenContact[];
  counters: Counters;
  /** How the case was dispatched (交办方式); absent: by the system, or not yet dispatched. */
  dispatchMode?: DispatchMode;
  /** 转阅 to units for information (absent from states kept before it existed). */
  forwards?: InformationForward[];
  /** 领导批示 attached (absent from states kept before it existed); any raises the case's priority. */
  leaderInstructions?: LeaderInstruction[];
  /** Urges per unit on this case (absent from states kept before it existed: counted from then on). */
  urgesByUnit?: Record<string, number>;
  /** The worst light and escalation over the unit clocks that run. */
  warningLevel: WarningLevel;
  escalationLevel: 0 | 1 | 2 | 3;
  satisfaction: Satisfaction | null;
  resolved: boolean | null;
  mergedIntoId: string | null;
  closedAt: number | null;
  reReviewUntil: number | null;
  /** Where a refused re-review returns to (closed or answeredDirectly). */
  reReviewFrom: CaseStatus | null;
  archivedAt: number | null;
  /** Statuses after which the workflow has nothing left to do. */
  finished: boolean;
  /** The latest events in short, newest last (the full trail is the audit table). */
  recent: EventSummary[];
}

export interface EventSummary {
  seq: number;
  type: PetitionEventType;
  at: number;
  actorId: string;
  reason: string | null;
}

/** What every event carries besides its own data. */
export interface EventMeta {
  seq: number;
  at: number;
  actor: Actor;
  reason: string | null;
}

type E<T extends string, D> = { type: T } & D;

export type PetitionEventData =
  | E<'registered', { caseId: string; profile: CaseProfile; receivedAt: number; registeredAt: number }>
  | E<'answeredDirectly', { answer: string; articleId: string | null; reReviewClock: Clock }>
  | E<'rejected', { reasonCode: string }>
  | E<'merged', { intoCaseId: string }>
  /** `mode`: how a dispatch command sent it (absent on a re-dispatch and on events from before modes: the case's mode stays). */
  | E<'dispatched', { round: number; assignments: Assignment[]; clocks: Clock[]; rehandle: boolean; mode?: DispatchMode }>
  | E<'signedFor', { assignmentId: string; stoppedClock: string }>
  | E<'subDispatched', { assignment: Assignment; clocks: Clock[] }>
  | E<'subResultReviewed', { resultId: string; accepted: boolean; subHandleClock: Clock | null }>
  | E<'assistOpinionSubmitted', { assignmentId: string; opinion: string; stoppedClock: string }>
  | E<'returnRequested', { request: PendingReturn }>
  | E<'returnDecided', { requestId: string; approved: boolean; wrongReturn: boolean; withdrawnAssignmentIds: string[] }>
  | E<'extensionRequested', { request: PendingExtension; decisionClock: Clock }>
  | E<'extensionDecided', { requestId: string; approved: boolean; handleClock: Clock | null }>
  | E<'resultSubmitted', { result: CaseResult }>
  | E<'unitApproved', { resultId: string }>
  | E<'reviewed', { resultId: string; accepted: boolean; callback: CallbackRound | null; callbackClock: Clock | null }>
  | E<'callbackRecorded', { callbackId: string; outcome: 'reached' | 'unreachable'; satisfaction: Satisfaction | null; resolved: boolean | null; method: 'phoneCall' | 'sms' | 'operator'; comment: string | null; final: boolean }>
  | E<'rehandleStarted', { cause: 'reviewSentBack' | 'unsatisfied' | 'reReview'; handleClock: Clock }>
  | E<'closed', { explanation: string | null; reReviewClock: Clock }>
  | E<'reReviewRequested', { channel: Channel }>
  | E<'windowEnded', { clockKey: string }>
  | E<'reReviewDecided', { reopen: boolean }>
  | E<'archived', Record<never, never>>
  | E<'citizenContacted', { contact: CitizenContact }>
  /** A new case type, category or urgency; `clocks`: the running clocks its policies changed. */
  | E<'reclassified', { from: CaseProfile; to: CaseProfile; clocks: Clock[] }>
  | E<'forwardedForInformation', { forwards: InformationForward[] }>
  | E<'forwardRead', { forwardId: string; unitId: string }>
  | E<'leaderInstructionAttached', { instruction: LeaderInstruction }>
  | E<'urged', { urgeId: string; unitId: string; clockKey: string | null; automatic: boolean }>
  | E<'supervised', { noticeId: string; unitId: string; clockKey: string | null; level: 1 | 2; automatic: boolean; content: string }>
  /** 通报批评: the case's urges reached the threshold while the unit had no result up (./criticism.ts). */
  | E<'criticized', { noticeId: string; unitId: string; urgeCount: number; threshold: number }>
  | E<'warningChanged', { clockKey: string; level: WarningLevel }>
  | E<'deadlineOverridden', { clock: Clock }>
  | E<'deadlinesRecomputed', { clocks: Clock[] }>;

export type PetitionEventType = PetitionEventData['type'];
export type PetitionEvent = PetitionEventData & EventMeta;
