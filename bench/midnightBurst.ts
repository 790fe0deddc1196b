// The midnight burst: every working-day deadline ends at the same 23:59:59.999 Shanghai time, so
// each night every case due that day wakes in the same millisecond, turns red, urges its unit
// (an SMS) and writes its projection. A bench cannot wait for midnight, so it makes one: a
// supervisor moves the sign-for deadline of every open case to the same instant a little ahead
// (overrideDeadline, over HTTP), then the bench reads from the audit trail when each case's red
// transition happened in its workflow (occurredAt) and when its projection committed
// (recordedAt), both against the instant.
import type { PrismaClient } from '../prisma/client';
import { cpuSnapshot, type CpuSnapshot } from './cpuShare';
import { log, percentile } from './stack';

export interface BurstPlan {
  /** The open cases' lead assignments whose sign-for clock still runs. */
  clocks: { caseId: string; clockKey: string }[];
  instant: number;
}

export interface BurstReport {
  cases: number;
  instant: number;
  turnedRed: number;
  urged: number;
  /** Milliseconds after the instant: the workflow's red transition, its projection's commit. */
  woke: Lateness;
  projected: Lateness;
  /** Every process's CPU time at the instant and when the last red transition was projected. */
  cpu: { atInstant: CpuSnapshot; atLastProjection: CpuSnapshot };
}

/** The sign-for clocks still running on `caseIds`, and an instant far enough ahead to move them all to. */
export async function planBurst(prisma: PrismaClient, caseIds: string[], overridesPerSecond: number): Promise<BurstPlan> {
  const leads = await prisma.caseAssignment.findMany({ where: { caseId: { in: caseIds }, role: 'lead', signedAt: null }, select: { id: true, caseId: true } });
  // Twice the time the overrides should take, and a minute: no override may land after the instant.
  const lead = (leads.length / Math.max(overridesPerSecond, 1)) * 2_000 + 60_000;
  return { clocks: leads.map((a) => ({ caseId: a.caseId, clockKey: `signFor:${a.id}` })), instant: Math.ceil((Date.now() + lead) / 1000) * 1000 };
}

/** How late things landed after an instant (milliseconds): median, p99, the last. */
export interface Lateness {
  p50: number;
  p99: number;
  max: number;
}

export const lateness = (values: number[]): Lateness => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
};

export const describeLateness = (x: Lateness) => `p50 ${Math.round(x.p50)} ms, p99 ${Math.round(x.p99)} ms, last ${Math.round(x.max)} ms`;

/**
 * Waits for `instant`, then reads `done()` once a second until it reaches `total` or
 * `timeoutMs` passed after the instant, saying every 30 s how far it got; every process's CPU
 * time at the instant and at the end.
 */
export async function watchFromInstant(instant: number, total: number, done: () => Promise<number>, what: string, timeoutMs: number): Promise<{ atInstant: CpuSnapshot; atEnd: CpuSnapshot }> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, instant - Date.now())));
  const atInstant = cpuSnapshot();
  let count = await done();
  let shown = 0;
  while (count < total && Date.now() < instant + timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    count = await done();
    if (Date.now() - instant >= (shown + 1) * 30_000) {
      shown += 1;
      log(`  ${count} of ${total} ${what} after ${shown * 30} s`);
    }
  }
  return { atInstant, atEnd: cpuSnapshot() };
}

/** Waits for every case of the plan to turn red (at most `timeoutMs` after the instant) and measures how late. */
export async function measureBurst(prisma: PrismaClient, plan: BurstPlan, timeoutMs = 600_000): Promise<BurstReport> {
  const caseIds = plan.clocks.map((c) => c.caseId);
  const clockKeys = plan.clocks.map((c) => c.clockKey);
  const reds = () =>
    prisma.$queryRaw<{ occurredAt: Date; recordedAt: Date }[]>`
      SELECT "occurredAt", "recordedAt" FROM "AuditEvent"
      WHERE "caseId" = ANY(${caseIds}) AND action = 'warningChanged'
        AND payload->>'level' = 'red' AND payload->>'clockKey' = ANY(${clockKeys})`;
  let rows: { occurredAt: Date; recordedAt: Date }[] = [];
  const { atInstant, atEnd: atLastProjection } = await watchFromInstant(plan.instant, plan.clocks.length, async () => (rows = await reds()).length, 'red', timeoutMs);
  const urged = await prisma.urge.count({ where: { caseId: { in: caseIds }, kind: 'automatic', createdAt: { gte: new Date(plan.instant) } } });
  return {
    cases: plan.clocks.length,
    instant: plan.instant,
    turnedRed: rows.length,
    urged,
    woke: lateness(rows.map((row) => row.occurredAt.getTime() - plan.instant)),
    projected: lateness(rows.map((row) => row.recordedAt.getTime() - plan.instant)),
    cpu: { atInstant, atLastProjection },
  };
}

export function describeBurst(report: BurstReport): string {
  return (
    `${report.turnedRed} of ${report.cases} red (${report.urged} urged) after ${new Date(report.instant).toISOString()}: ` +
    `transition ${describeLateness(report.woke)}; projection ${describeLateness(report.projected)}`
  );
}
