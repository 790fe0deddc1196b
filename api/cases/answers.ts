// What /api/cases answers, as the routes build it (before JSON): the one definition the routes
// are checked against and the console reads (admin-ui/src/cases/types.ts, through Json<…>).
// The rows are the projection's own (Prisma's browser-safe model types), so a column added to
// the schema reaches both ends without a hand copy.
import type {
  AuditEvent,
  Callback,
  Case,
  CaseAssignment,
  CaseResult,
  CitizenContact,
  ExtensionRequest,
  ReturnRequest,
  SupervisionNotice,
  Urge,
} from '../../prisma/generated/browser';
import type { CommandName } from '../../rules/lifecycle/commands';
import type { TimeLeft } from './timeLeft';

/**
 * The columns a list of cases shows (the case list and its exports, the desks' queues and boards,
 * the caller's earlier cases): a row of a million-case list carries these and not the citizen's
 * words, address, coordinates or counters, which only the case's own page reads.
 */
export const CASE_LIST_COLUMNS = [
  'id',
  'channel',
  'caseTypeCode',
  'categoryId',
  'urgency',
  'status',
  'title',
  /** Masked in every list (李*, +86139****6666); in full only on the case's page, for the office. */
  'citizenName',
  'citizenPhone',
  'leadUnitId',
  'readerUnitIds',
  'readByUnitIds',
  'dispatchMode',
  'leaderInstructedAt',
  'mergedIntoId',
  'receivedAt',
  'registeredAt',
  'dispatchedAt',
  'closedAt',
  'signForDueAt',
  'handleDueAt',
  'nextDueAt',
  'nextYellowAt',
  'warningLevel',
  'escalationLevel',
  'suspendedAt',
  'confidential',
  'updatedAt',
] as const satisfies readonly (keyof Case)[];

export type CaseListColumn = (typeof CASE_LIST_COLUMNS)[number];

/** A case as a list shows it: its list columns and the working time left on its running clock. */
export type CaseListItem = Pick<Case, CaseListColumn> & { timeLeft: TimeLeft | null };

/**
 * GET /api/cases/:id: the projection's row without the query password's hash (the citizen's name
 * and phone masked unless the reader may see them), what happened to the case, and what the reader
 * may do to it now.
 */
export interface CaseDetail extends Omit<Case, 'queryPasswordHash'> {
  timeLeft: TimeLeft | null;
  assignments: CaseAssignment[];
  results: CaseResult[];
  callbacks: Callback[];
  urges: Urge[];
  supervisions: SupervisionNotice[];
  /** The reasons the office decides on: a unit's return and extension requests. */
  returnRequests: ReturnRequest[];
  extensionRequests: ExtensionRequest[];
  /** 响应: the lead unit's contacts with the citizen (recordContact). */
  contacts: CitizenContact[];
  /** The commands the case's workflow allows the signed-in user now (none for a finished case). */
  allowedCommands: CommandName[];
}

/** One row of GET /api/cases/:id/history: an audit event of the case, its id as a string (a bigint in the database). */
export type CaseHistoryRow = Omit<AuditEvent, 'id'> & { id: string };
