// A row of GET /api/stuck-cases: one workflow step that failed and waits (docs/stuck-cases.md).
export type StuckStepName = 'projection' | 'rules' | 'effects';

export interface StuckStepRow {
  /** `<workflowId>:<step>` */
  id: string;
  workflowId: string;
  caseId: string;
  step: StuckStepName;
  /** true: only an admin's retry runs it again; false: the workflow retries by itself at nextRetryAt. */
  permanent: boolean;
  errorType: string;
  /** The error in the database's (or the service's) own words. */
  errorMessage: string;
  attempts: number;
  pendingSeq: number | null;
  firstFailedAt: string;
  lastFailedAt: string;
  nextRetryAt: string | null;
  resolvedAt: string | null;
  /** false: the stuck write is the case's registration, so it has no row (and no page) yet. */
  caseVisible: boolean;
}

/** POST /api/stuck-cases/retry */
export interface RetryAllAnswer {
  workflows: number;
  signalled: number;
}
