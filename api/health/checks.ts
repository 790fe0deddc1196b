// The dependencies /healthz reports on. Each check answers within its own timeout.
import type { Connection } from '@temporalio/client';
import type { PrismaClient } from '../../prisma/client';

export interface CheckResult {
  ok: boolean;
  latencyMs?: number;
  error?: string;
  [detail: string]: unknown;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms).unref())]);
}

export async function checkPostgres(prisma: PrismaClient, timeoutMs = 2_000): Promise<CheckResult> {
  const started = performance.now();
  try {
    await withTimeout(prisma.$queryRaw`SELECT 1`, timeoutMs, 'PostgreSQL');
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

export async function checkTemporal(connection: Connection, namespace: string, timeoutMs = 2_000): Promise<CheckResult> {
  const started = performance.now();
  try {
    await withTimeout(connection.workflowService.describeNamespace({ namespace }), timeoutMs, 'Temporal');
    return { ok: true, namespace, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, namespace, error: (error as Error).message };
  }
}

export interface CalendarWarning {
  code: 'calendarMissingYear' | 'calendarEndsThisYear';
  /** The year to import. */
  year: number;
  message: string;
}

/**
 * The working-day calendar must cover the current year (Asia/Shanghai) for deadlines to be
 * computed; a missing next year is a warning, since deadlines near year end fall into it.
 */
export async function checkCalendar(prisma: PrismaClient, now: Date): Promise<CheckResult> {
  try {
    const years = (await prisma.calendarYear.findMany({ select: { year: true }, orderBy: { year: 'asc' } })).map((row) => row.year);
    const thisYear = Number(now.toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }));
    const coveredThrough = years.length > 0 ? Math.max(...years) : null;
    const ok = years.includes(thisYear);
    // A code and its parameters for the console to translate; the sentence for logs and scripts.
    const warning: CalendarWarning | undefined = !ok
      ? { code: 'calendarMissingYear', year: thisYear, message: `the working-day calendar does not cover ${thisYear}: deadlines cannot be computed; import ${thisYear}` }
      : !years.includes(thisYear + 1)
        ? { code: 'calendarEndsThisYear', year: thisYear + 1, message: `the working-day calendar ends on ${thisYear}-12-31: deadlines past it cannot be computed until ${thisYear + 1} is imported or entered` }
        : undefined;
    return { ok, coveredThrough: coveredThrough === null ? null : String(coveredThrough), years, warning };
  } catch (error) {
    return { ok: false, coveredThrough: null, error: (error as Error).message };
  }
}

/**
 * Workflow steps that failed and wait (StuckStep): a case whose projection, rules or notices
 * are stuck. Not a reason to take the API out of service, so it degrades the report without
 * making it 503 (see routes.ts); the console translates the code and links to the list.
 */
export async function checkStuckCases(prisma: PrismaClient): Promise<CheckResult> {
  try {
    const [count, oldest] = await Promise.all([
      prisma.stuckStep.count({ where: { resolvedAt: null } }),
      prisma.stuckStep.findFirst({ where: { resolvedAt: null }, orderBy: { firstFailedAt: 'asc' }, select: { caseId: true, step: true, firstFailedAt: true, errorMessage: true } }),
    ]);
    if (count === 0) return { ok: true, count };
    return {
      ok: false,
      count,
      code: 'casesStuck',
      oldest: oldest ? { caseId: oldest.caseId, step: oldest.step, since: oldest.firstFailedAt.toISOString(), error: oldest.errorMessage } : null,
      message: `${count} workflow step(s) failed and wait for a retry; see /api/stuck-cases`,
    };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
