// What GET /healthz answers (api/health/routes.ts, checks.ts): each check's result and the
// report around them. The console's status card and banners read the same types.

/** The calendar check's warning: a code with its parameters for the console to translate, and a sentence for logs and scripts. */
export interface CalendarWarning {
  code: 'calendarMissingYear' | 'calendarGap' | 'calendarEndsThisYear';
  /** The year to import (for a gap, the first missing one). */
  year: number;
  /** calendarGap: every year missing between the first and the last covered one. */
  missingYears?: number[];
  message: string;
}

/** The oldest stuck step in the stuckCases check. */
export interface StuckStepSummary {
  /** The case whose workflow is stuck; null for a poll campaign's (pollCampaignId). */
  caseId: string | null;
  pollCampaignId: string | null;
  step: string;
  /** ISO 8601: when the step first failed. */
  since: string;
  error: string;
}

/** One check's result; the fields beyond `ok` depend on the check. */
export interface HealthCheck {
  ok: boolean;
  latencyMs?: number;
  error?: string;
  /** temporal */
  namespace?: string;
  /** calendar: the last year the working-day calendar covers, e.g. "2026" */
  coveredThrough?: string | null;
  /** calendar: the covered years */
  years?: number[];
  /** calendar: years missing between the first and the last covered one (a gap) */
  missingYears?: number[];
  /** calendar: the most pressing coverage warning */
  warning?: CalendarWarning;
  /** stuckCases: how many workflow steps failed and wait for a retry */
  count?: number;
  /** stuckCases: what is wrong, for the console to translate; `message` says it in English */
  code?: 'casesStuck';
  message?: string;
  /** stuckCases: the step stuck the longest */
  oldest?: StuckStepSummary | null;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: { postgres: HealthCheck; temporal: HealthCheck; calendar: HealthCheck; stuckCases: HealthCheck };
  version: string;
  time: string;
}
