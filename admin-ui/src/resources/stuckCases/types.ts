// GET /api/stuck-cases and its retry as the console reads them: the server's own answer types
// (api/stuckCases/answers.ts, docs/stuck-cases.md), with dates as the strings JSON carries.
import type { RetryAllAnswer as ServerRetryAllAnswer, StuckStepRow as ServerStuckStepRow } from '../../../../api/stuckCases/answers';
import type { GuardedStep } from '../../../../workflows/stuckSteps/guard';
import type { Json } from '../../shell/providers/json';

/** The workflow steps that can get stuck (the database keeps the name as text). */
export type StuckStepName = GuardedStep;

export type StuckStepRow = Omit<Json<ServerStuckStepRow>, 'step'> & { step: StuckStepName };

export type RetryAllAnswer = Json<ServerRetryAllAnswer>;
