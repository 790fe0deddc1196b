// What /api/stuck-cases answers (docs/stuck-cases.md): the contract the routes are checked
// against and the console's screen reads.
import type { StuckStep } from '../../prisma/generated/browser';

/** A row of GET /api/stuck-cases: one workflow step that failed and waits, of a case or of a poll campaign. */
export type StuckStepRow = StuckStep & {
  /** false: the stuck write is the case's registration, so it has no row (and no page) yet; false too for a poll's step. */
  caseVisible: boolean;
  /** The poll campaign's title, for a poll's step (null otherwise). */
  pollTitle: string | null;
};

/** POST /api/stuck-cases/retry: the workflows with a waiting step, and those the signal reached. */
export interface RetryAllAnswer {
  workflows: number;
  signalled: number;
}
