// The case as the API returns it (GET /api/cases and /api/cases/:id); the console reads these fields.
import type { RaRecord } from 'react-admin';
import type { CommandName } from '../../../rules/lifecycle/commands';

export type WarningLevel = 'green' | 'yellow' | 'red';

export interface TimeLeft {
  clock: 'signFor' | 'handle';
  dueAt: string;
  /** Working days after today until the due day (0 = due today); negative = working days overdue. */
  workingDays: number;
}

export interface CaseAssignment {
  id: string;
  unitId: string;
  role: 'lead' | 'assist' | 'sub';
  status: string;
  parentAssignmentId: string | null;
  round: number;
  dispatchedAt: string;
  signForDueAt: string | null;
  signedAt: string | null;
  dueAt: string | null;
  completedAt: string | null;
  opinion: string | null;
  warningLevel: WarningLevel;
}

export interface CaseResult {
  id: string;
  assignmentId?: string;
  unitId?: string;
  actionsTaken: string;
  replyToCitizen: string;
  legalBasis: string | null;
  handlerName: string;
  reviewerName: string | null;
  submittedAt: string;
  [field: string]: unknown;
}

export type RequestDecision = 'pending' | 'approved' | 'rejected' | 'withdrawn';

/** A unit's request to return the case (退回), and the office's decision. */
export interface CaseReturnRequest {
  id: string;
  assignmentId: string;
  unitId: string;
  reason: string;
  requestedAt: string;
  decision: RequestDecision;
  decisionReason: string | null;
  redispatchUnitId: string | null;
  wrongReturn: boolean;
  arbitrated: boolean;
}

/** A unit's request for more time (延期), and the office's decision. */
export interface CaseExtensionRequest {
  id: string;
  assignmentId: string;
  unitId: string;
  workingDays: number;
  reason: string;
  requestedAt: string;
  decision: RequestDecision;
  decisionReason: string | null;
  /** Only a supervisor decides an extension beyond the total cap. */
  beyondCap: boolean;
  previousDueAt: string;
  newDueAt: string | null;
}

export interface CaseCallback {
  id: string;
  round: number;
  status: 'pending' | 'inProgress' | 'reached' | 'unreachable' | 'cancelled';
  method: 'phoneCall' | 'sms' | 'operator' | null;
  satisfaction: 'satisfied' | 'basicallySatisfied' | 'unsatisfied' | null;
  resolved: boolean | null;
  comment: string | null;
  finishedAt: string | null;
}

/** 响应: the lead unit's contact with the citizen, as it recorded it. */
export interface CaseContact {
  id: string;
  assignmentId: string;
  unitId: string;
  means: 'phone' | 'visit' | 'sms' | 'wechat' | 'other';
  contactedAt: string;
  note: string | null;
  recordedAt: string;
}

export interface CaseRecord extends RaRecord<string> {
  id: string;
  status: string;
  channel: string;
  caseTypeCode: string;
  categoryId: string | null;
  urgency: string;
  title: string;
  content: string;
  citizenName: string | null;
  citizenPhone: string | null;
  address: string | null;
  leadUnitId: string | null;
  registeredAt: string;
  receivedAt: string;
  signForDueAt: string | null;
  /** The running handling clock's deadline; null once the result went up. */
  handleDueAt: string | null;
  /** The handling deadline first set at dispatch, before extensions. */
  originalHandleDueAt: string | null;
  /** The handling deadline in force when the result went up (the clock stopped there). */
  finalHandleDueAt: string | null;
  resultSubmittedAt: string | null;
  warningLevel: WarningLevel;
  escalationLevel: number;
  returnCount: number;
  extensionCount: number;
  satisfaction: string | null;
  timeLeft: TimeLeft | null;
  /** Only on GET /api/cases/:id. */
  assignments?: CaseAssignment[];
  results?: CaseResult[];
  callbacks?: CaseCallback[];
  urges?: Record<string, unknown>[];
  supervisions?: Record<string, unknown>[];
  returnRequests?: CaseReturnRequest[];
  extensionRequests?: CaseExtensionRequest[];
  contacts?: CaseContact[];
  /** Only on GET /api/cases/:id: the commands the API allows the signed-in user now. */
  allowedCommands?: CommandName[];
}
