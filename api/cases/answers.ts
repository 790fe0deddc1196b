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
 * A case as a list shows it: the projection's row without the query password's hash (the
 * citizen's name and phone masked unless the reader may see them), with the working time left.
 */
export type CaseListItem = Omit<Case, 'queryPasswordHash'> & { timeLeft: TimeLeft | null };

/** GET /api/cases/:id: the row, what happened to the case, and what the reader may do to it now. */
export interface CaseDetail extends CaseListItem {
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
