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
export const OFFICE_CLOCKS = ['extensionDecision', 'callback', 'unsatisfiedDecision'] as const;
/** Windows: something is allowed until they end, and their end may act (archive). */
export const WINDOW_CLOCKS = ['returnWindow', 'reReviewWindow'] as const;
/** A unit's reply to a supervision notice (督办回复): it warns, and when overdue the notice escalates (./supervision.ts). */
export const REPLY_CLOCKS = ['supervisionReply'] as const;
export type ClockName = (typeof DUTY_CLOCKS)[number] | (typeof OFFICE_CLOCKS)[number] | (typeof WINDOW_CLOCKS)[number] | (typeof REPLY_CLOCKS)[number];

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
  /**
   * Working days of suspension (挂起) the clock was stopped for: its deadline, warning point and
   * escalation points come that many working days later. Absent on clocks of before suspensions.
   */
  suspendedWorkingDays?: number;
  /** Set while the case is suspended: the clock does not count, and none of its alarms fire. */
  pausedAt?: number | null;
  /** A sub-unit's handling clock derived from its parent's (rules/lifecycle/subUnits.ts): that clock's key. */
  parentKey?: string;
}

/** What the office decides about an unsatisfied callback: rehandle, close, or 核减 (unreasonable). */
export const UNSATISFIED_DECISIONS = ['rehandle', 'close', 'unreasonable'] as const;
export type UnsatisfiedDecision = (typeof UNSATISFIED_DECISIONS)[number];

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
  /**
   * The person of the unit who handles its part (承办人), named by the unit (assignHandler).
   * Absent from assignments kept before handlers were named, null until one is.
   */
  handler?: NamedHandler | null;
}

/** A unit's user named to handle an assignment; `hasPhone`: whether their record had a phone to text. */
export interface NamedHandler {
  userId: string;
  name: string;
  hasPhone: boolean;
  assignedAt: number;
  assignedBy: string;
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

/** Why a case is suspended (挂起): waiting for the citizen's materials, a court, force majeure, or another reason given in full. */
export const SUSPENSION_REASONS = ['citizenMaterials', 'litigation', 'forceMajeure', 'other'] as const;
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number];

/** The suspension the case is in: every running clock is paused until it resumes. */
export interface Suspension {
  id: string;
  reasonKind: SuspensionReason;
  reason: string;
  /** Working days asked for; the case resumes by itself at the end of the last of them (`resumeAt`). */
  workingDays: number;
  suspendedAt: number;
  suspendedBy: string;
  resumeAt: number;
}

/**
 * A supervision notice (督办) that waits for its unit's reply: issued with a reply clock
 * (`supervisionReply:<id>`), answered by the unit, evaluated by the office (a rejected reply
 * re-opens it with a new reply clock), or escalated when its reply clock runs out.
 */
export interface SupervisionNoticeState {
  id: string;
  unitId: string;
  level: 1 | 2;
  automatic: boolean;
  content: string;
  issuedAt: number;
  issuedBy: string | null;
  status: 'awaitingReply' | 'answered' | 'accepted' | 'escalated';
  replyDueAt: number;
  reply: string | null;
  repliedAt: number | null;
  repliedBy: string | null;
  /** The office's evaluation of the latest reply (null until evaluated). */
  accepted: boolean | null;
  evaluationComment: string | null;
  evaluatedAt: number | null;
  evaluatedBy: string | null;
  /** What its overdue reply clock led to: a level-2 notice, or leadership. */
  escalatedTo: 'level2' | 'leadership' | null;
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
  /** Rehandles after an unsatisfied callback, capped by `unsatisfied.maxRehandles` (absent from states kept before it existed: counted from then on). */
  unsatisfiedRehandles?: number;
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
  /** Supervision notices with a reply clock (absent from states kept before replies existed: none then). */
  supervisionNotices?: SupervisionNoticeState[];
  /** How the case was dispatched (交办方式); absent: by the system, or not yet dispatched. */
  dispatchMode?: DispatchMode;
  /** 转阅 to units for information (absent from states kept before it existed). */
  forwards?: InformationForward[];
  /** 领导批示 attached (absent from states kept before it existed); any raises the case's priority. */
  leaderInstructions?: LeaderInstruction[];
  /** Urges per unit on this case (absent from states kept before it existed: counted from then on). */
  urgesByUnit?: Record<string, number>;
  /** The suspension in force (挂起), if any (absent from states kept before suspensions existed). */
  suspension?: Suspension | null;
  /** Working days the case spent suspended, over the suspensions that ended (absent: none). */
  suspendedWorkingDays?: number;
  /** The worst light and escalation over the unit clocks that run. */
  warningLevel: WarningLevel;
  escalationLevel: 0 | 1 | 2 | 3;
  satisfaction: Satisfaction | null;
  resolved: boolean | null;
  mergedIntoId: string | null;
  closedAt: number | null;
  reReviewUntil: number | null;
  /**
   * 核减: the office judged the citizen's demand unreasonable after an unsatisfied callback and
   * closed the case; it is left out of the units' assessment. A later rehandle clears it.
   * Absent from states kept before it existed.
   */
  judgedUnreasonable?: boolean;
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
  /** The citizen was unsatisfied: the case waits for the office's decision, on the office's clock. */
  | E<'unsatisfiedReferred', { callbackId: string; decisionClock: Clock }>
  /** The office's decision (followed by `rehandleStarted` or `closed`). */
  | E<'unsatisfiedDecided', { decision: UnsatisfiedDecision }>
  | E<'rehandleStarted', { cause: 'reviewSentBack' | 'unsatisfied' | 'reReview'; handleClock: Clock }>
  | E<'closed', { explanation: string | null; reReviewClock: Clock }>
  | E<'reReviewRequested', { channel: Channel }>
  | E<'windowEnded', { clockKey: string }>
  | E<'reReviewDecided', { reopen: boolean }>
  | E<'archived', Record<never, never>>
  | E<'citizenContacted', { contact: CitizenContact }>
  /** A unit named (or replaced) the person who handles its assignment; `replaced`: the handler before, if any. */
  | E<'handlerAssigned', { assignmentId: string; unitId: string; handler: NamedHandler; replaced: { userId: string; name: string } | null }>
  /** A new case type, category or urgency; `clocks`: the running clocks its policies changed. */
  | E<'reclassified', { from: CaseProfile; to: CaseProfile; clocks: Clock[] }>
  /** 挂起: `clocks` are the running clocks, paused. */
  | E<'suspended', { suspension: Suspension; clocks: Clock[] }>
  /**
   * The suspension ended (by a command, by the lead's result going up, or at its planned end by
   * the system): `workingDays` suspended, and the paused clocks moved that many working days later.
   */
  | E<'resumed', { suspensionId: string; workingDays: number; clocks: Clock[] }>
  | E<'forwardedForInformation', { forwards: InformationForward[] }>
  | E<'forwardRead', { forwardId: string; unitId: string }>
  | E<'leaderInstructionAttached', { instruction: LeaderInstruction }>
  | E<'urged', { urgeId: string; unitId: string; clockKey: string | null; automatic: boolean }>
  /** `replyClock`: the unit's reply deadline (absent from notices issued before replies existed). */
  | E<'supervised', { noticeId: string; unitId: string; clockKey: string | null; level: 1 | 2; automatic: boolean; content: string; replyClock?: Clock }>
  | E<'supervisionAnswered', { noticeId: string; reply: string; stoppedClock: string }>
  /** The office's evaluation of a reply; a rejected one re-opens the notice with `replyClock`. */
  | E<'supervisionAnswerEvaluated', { noticeId: string; accepted: boolean; comment: string | null; replyClock: Clock | null }>
  /** A notice's reply clock ran out: level 1 → a level-2 notice (the `supervised` event after it), level 2 → leadership. */
  | E<'supervisionEscalated', { noticeId: string; unitId: string; to: 'level2' | 'leadership' }>
  /** 通报批评: the case's urges reached the threshold while the unit had no result up (./criticism.ts). */
  | E<'criticized', { noticeId: string; unitId: string; urgeCount: number; threshold: number }>
  | E<'warningChanged', { clockKey: string; level: WarningLevel }>
  | E<'deadlineOverridden', { clock: Clock }>
  | E<'deadlinesRecomputed', { clocks: Clock[] }>;

export type PetitionEventType = PetitionEventData['type'];
export type PetitionEvent = PetitionEventData & EventMeta;
