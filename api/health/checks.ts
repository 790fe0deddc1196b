// The dependencies /healthz reports on. Each check answers within its own timeout.
import type { Connection } from '@temporalio/client';
import type { PrismaClient } from '../../prisma/client';
import { describeYears, missingYears, shanghaiYear } from '../calendar/coverage';
import type { CalendarWarning, HealthCheck } from './report';

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms).unref())]);
}

export async function checkPostgres(prisma: PrismaClient, timeoutMs = 2_000): Promise<HealthCheck> {
  const started = performance.now();
  try {
    await withTimeout(prisma.$queryRaw`SELECT 1`, timeoutMs, 'PostgreSQL');
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

export async function checkTemporal(connection: Connection, namespace: string, timeoutMs = 2_000): Promise<HealthCheck> {
  const started = performance.now();
  try {
    await withTimeout(connection.workflowService.describeNamespace({ namespace }), timeoutMs, 'Temporal');
    return { ok: true, namespace, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, namespace, error: (error as Error).message };
  }
}

/** The most pressing coverage warning, as a code and its parameters for the console to translate and a sentence for logs and scripts. */
function calendarWarning(years: number[], thisYear: number, missing: number[]): CalendarWarning | undefined {
  if (!years.includes(thisYear)) return { code: 'calendarMissingYear', year: thisYear, message: `the working-day calendar does not cover ${thisYear}: deadlines cannot be computed; import ${thisYear}` };
  if (missing.length > 0) {
    return {
      code: 'calendarGap', year: missing[0]!, missingYears: missing,
      message: `the working-day calendar has a gap: it covers ${describeYears(years)} but not ${describeYears(missing)}; deadlines counted through those days are provisional; remove the stray year or fill the gap`,
    };
  }
  if (!years.includes(thisYear + 1)) return { code: 'calendarEndsThisYear', year: thisYear + 1, message: `the working-day calendar ends on ${thisYear}-12-31: deadlines past it cannot be computed until ${thisYear + 1} is imported or entered` };
  return undefined;
}

/**
 * The working-day calendar must cover the current year (Asia/Shanghai) for deadlines to be
 * computed; a gap between covered years (which older versions let an import make) and a
 * missing next year are warnings: deadlines counted through such days are only provisional.
 */
export async function checkCalendar(prisma: PrismaClient, now: Date): Promise<HealthCheck> {
  try {
    const years = (await prisma.calendarYear.findMany({ select: { year: true }, orderBy: { year: 'asc' } })).map((row) => row.year);
    const thisYear = shanghaiYear(now);
    const coveredThrough = years.length > 0 ? Math.max(...years) : null;
    const missing = missingYears(years);
    return { ok: years.includes(thisYear), coveredThrough: coveredThrough === null ? null : String(coveredThrough), years, missingYears: missing, warning: calendarWarning(years, thisYear, missing) };
  } catch (error) {
    return { ok: false, coveredThrough: null, error: (error as Error).message };
  }
}

/**
 * Workflow steps that failed and wait (StuckStep): a case whose projection, rules or notices
 * are stuck. Not a reason to take the API out of service, so it degrades the report without
 * making it 503 (see routes.ts); the console translates the code and links to the list.
 */
export async function checkStuckCases(prisma: PrismaClient): Promise<HealthCheck> {
  try {
    const [count, oldest] = await Promise.all([
      prisma.stuckStep.count({ where: { resolvedAt: null } }),
      prisma.stuckStep.findFirst({ where: { resolvedAt: null }, orderBy: { firstFailedAt: 'asc' }, select: { caseId: true, pollCampaignId: true, step: true, firstFailedAt: true, errorMessage: true } }),
    ]);
    if (count === 0) return { ok: true, count };
    return {
      ok: false,
      count,
      code: 'casesStuck',
      oldest: oldest ? { caseId: oldest.caseId, pollCampaignId: oldest.pollCampaignId, step: oldest.step, since: oldest.firstFailedAt.toISOString(), error: oldest.errorMessage } : null,
      message: `${count} workflow step(s) failed and wait for a retry; see /api/stuck-cases`,
    };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
