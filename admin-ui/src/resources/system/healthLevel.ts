// How bad a /healthz report is. The API is not ready (503) when a dependency fails; checks
// that only degrade the report (stuck cases: one case's failed write, still 200) ask for an
// admin's attention but leave the desk working.
import type { HealthReport } from '../../shell/providers/dataProvider';

/** Checks whose failure degrades the report without taking the API out of service. */
export const ADVISORY_CHECKS: readonly string[] = ['stuckCases'];

/** Also the translation keys under hotline.health.status. */
export type HealthLevel = 'ok' | 'attention' | 'degraded';

export const healthLevel = (report: HealthReport): HealthLevel => {
  const failing = Object.entries(report.checks).filter(([, check]) => check !== undefined && !check.ok);
  if (failing.some(([name]) => !ADVISORY_CHECKS.includes(name))) return 'degraded';
  return failing.length > 0 || report.status !== 'ok' ? 'attention' : 'ok';
};
