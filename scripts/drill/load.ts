// The drill's load: "case scripts" run at a given concurrency, each the life of one case at the
// desk: an operator registers it (POST /api/cases), a dispatcher dispatches it to a district
// and urges it. Every request and its final answer is written to the ledger that
// reconcile.ts later holds against the database.
import { postWithRetries, type Answer, type RetryBounds } from './client';

export type OperationKind = 'intake' | 'dispatch' | 'urge';

export interface Operation {
  kind: OperationKind;
  /** The kill phase it started in. */
  phase: number;
  /** Its Idempotency-Key, also written into the data (case title, urge reason) to find it again. */
  key: string;
  /** The case it made (intake: the acknowledged id) or acted on. */
  caseId: string | null;
  answer: Answer;
}

export interface LoadTarget {
  apiUrl: string;
  operatorToken: string;
  dispatcherToken: string;
  /** Distinguishes this run's data. */
  runId: string;
  bounds?: RetryBounds;
}

export const isAcknowledged = (answer: Answer) => answer.status !== null && answer.status >= 200 && answer.status < 300;

/** One case's life; `onIntake` hears of its registration's answer as soon as it comes. */
export async function runCaseScript(target: LoadTarget, phase: number, index: number, ledger: Operation[], onIntake: (op: Operation) => void): Promise<void> {
  const key = `drill-${target.runId}-${index}`;
  const post = (path: string, body: unknown, token: string, opKey: string) =>
    postWithRetries(`${target.apiUrl}${path}`, body, { authorization: `Bearer ${token}`, 'idempotency-key': opKey }, target.bounds);

  const intakeKey = `${key}-intake`;
  const intake = await post('/api/cases', {
    channel: 'phone',
    caseTypeCode: 'complaint',
    categoryId: 'cat-urban.street-vending',
    title: intakeKey,
    content: `演练 ${intakeKey}: 路口占道经营，请处理。`,
  }, target.operatorToken, intakeKey);
  const caseId = isAcknowledged(intake) ? (intake.body as { id: string }).id : null;
  const intakeOp: Operation = { kind: 'intake', phase, key: intakeKey, caseId, answer: intake };
  ledger.push(intakeOp);
  onIntake(intakeOp);
  if (!caseId) return;

  const dispatchKey = `${key}-dispatch`;
  const dispatch = await post(`/api/cases/${caseId}/commands/dispatch`, { leadUnitId: 'donghu' }, target.dispatcherToken, dispatchKey);
  ledger.push({ kind: 'dispatch', phase, key: dispatchKey, caseId, answer: dispatch });
  // Unanswered, the case's state is unknown; any answer (a 409 too: a lost answer's first
  // attempt dispatched it) leaves it dispatched.
  if (dispatch.status === null) return;

  const urgeKey = `${key}-urge`;
  const urge = await post(`/api/cases/${caseId}/commands/urge`, { reason: urgeKey }, target.dispatcherToken, urgeKey);
  ledger.push({ kind: 'urge', phase, key: urgeKey, caseId, answer: urge });
}

/** Runs `task(0 … count-1)` with at most `concurrency` at a time. */
export async function runPool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}
