// Gauges read from the database when Prometheus scrapes (through one cached read, cachedRead.ts):
// the open cases by status and warning light, the stuck workflow steps, and the last hour's SMS and
// calls by status. Every query is an index range scan (see prisma/schema.prisma), and every API
// process answers the same figures: sum them with max(), not sum().
//
// SMS and call failures are read from their rows rather than counted as this process sees them:
// they are decided in two processes (the worker's send attempts — a refusal by Twilio, or giving up
// after a day — and the API's Twilio status callbacks: undelivered, busy, no-answer …), and with
// several API processes behind a balancer each gets only its share of the callbacks. The rows are
// the one place that holds them all.
import type { Registry } from 'prom-client';
import { Gauge } from 'prom-client';
import type { Logger } from '../../config/logger';
import type { PrismaClient } from '../../prisma/client';
import type { WarningLevel } from '../../rules/limits';
import { CASE_STATUSES, FINISHED_STATUSES, type CaseStatus } from '../../rules/vocabulary';
import { TWILIO_MESSAGE_STATUSES } from '../../telephony/sms/messageStatus';
import type { GuardedStep } from '../../workflows/stuckSteps/guard';
import { cachedRead } from './cachedRead';

export const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((status) => !FINISHED_STATUSES.includes(status));
const WARNING_LEVELS = ['green', 'yellow', 'red'] as const satisfies readonly WarningLevel[];
const STUCK_STEPS = ['projection', 'rules', 'effects', 'callback'] as const satisfies readonly GuardedStep[];
/** Twilio's call statuses, from the first (queued) to the final ones. */
const CALL_STATUSES = ['queued', 'initiated', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled'] as const;
const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
/** How far back the SMS and call figures look. */
export const RECENT_WINDOW_MS = 3_600_000;
const DEFAULT_CACHE_MS = 5_000;
const READ_TIMEOUT_MS = 3_000;

interface Figures {
  openCases: { status: string; warningLevel: string; count: number }[];
  stuckSteps: { step: string; permanent: boolean; count: number; oldest: Date | null }[];
  recentSms: { status: string; count: number }[];
  recentCalls: { direction: string; status: string; count: number }[];
  readAt: Date;
}

async function readFigures(prisma: PrismaClient): Promise<Figures> {
  const readAt = new Date();
  const since = new Date(readAt.getTime() - RECENT_WINDOW_MS);
  const [openCases, stuckSteps, recentSms, recentCalls] = await Promise.all([
    // Case(status, warningLevel): one index range per open status.
    prisma.case.groupBy({ by: ['status', 'warningLevel'], where: { status: { in: [...OPEN_STATUSES] } }, _count: { _all: true } }),
    // StuckStep(resolvedAt, firstFailedAt): the unresolved ones only.
    prisma.stuckStep.groupBy({ by: ['step', 'permanent'], where: { resolvedAt: null }, _count: { _all: true }, _min: { firstFailedAt: true } }),
    // SmsMessage(direction, createdAt).
    prisma.smsMessage.groupBy({ by: ['status'], where: { direction: 'outbound', createdAt: { gte: since } }, _count: { _all: true } }),
    // Call(startedAt).
    prisma.call.groupBy({ by: ['direction', 'status'], where: { startedAt: { gte: since } }, _count: { _all: true } }),
  ]);
  return {
    openCases: openCases.map((row) => ({ status: row.status, warningLevel: row.warningLevel, count: row._count._all })),
    stuckSteps: stuckSteps.map((row) => ({ step: row.step, permanent: row.permanent, count: row._count._all, oldest: row._min.firstFailedAt })),
    recentSms: recentSms.map((row) => ({ status: row.status, count: row._count._all })),
    recentCalls: recentCalls.map((row) => ({ direction: row.direction, status: row.status, count: row._count._all })),
    readAt,
  };
}

/** A status outside the known ones (a value Twilio adds one day) is counted as `other`: the series stay bounded. */
const known = (value: string, values: readonly string[]) => (values.includes(value) ? value : 'other');

export function registerDatabaseGauges(registry: Registry, deps: { prisma: PrismaClient; log: Logger; cacheMs?: number }): void {
  const figures = cachedRead(() => readFigures(deps.prisma), {
    cacheMs: deps.cacheMs ?? DEFAULT_CACHE_MS,
    timeoutMs: READ_TIMEOUT_MS,
    onError: (error) => deps.log.warn({ err: error }, 'metrics: the database figures could not be read'),
  });
  /** The figures, or null when the database did not answer: the gauges then have no samples, never stale ones. */
  const current = (): Promise<Figures | null> => figures().catch(() => null);

  // Each gauge registers itself in the registry and fills itself at each scrape (collect).
  new Gauge({
    name: 'hotline_database_figures_up',
    help: 'Whether the figures read from the database (open cases, stuck steps, recent SMS and calls) could be read at this scrape (1) or not (0).',
    registers: [registry],
    async collect() {
      this.set((await current()) ? 1 : 0);
    },
  });

  new Gauge({
    name: 'hotline_open_cases',
    help: 'Cases not finished (not closed, archived, rejected, merged or answered directly), by status and warning light, from the case projection.',
    labelNames: ['status', 'warning_level'],
    registers: [registry],
    async collect() {
      this.reset();
      const read = await current();
      if (!read) return;
      for (const status of OPEN_STATUSES) for (const level of WARNING_LEVELS) this.labels(status, level).set(0);
      for (const row of read.openCases) this.labels(row.status, row.warningLevel).set(row.count);
    },
  });

  new Gauge({
    name: 'hotline_stuck_steps',
    help: 'Workflow steps that failed and wait (docs/stuck-cases.md), by step (projection, rules, effects, callback) and whether only an admin\'s retry can move them (permanent).',
    labelNames: ['step', 'permanent'],
    registers: [registry],
    async collect() {
      this.reset();
      const read = await current();
      if (!read) return;
      for (const step of STUCK_STEPS) for (const permanent of ['true', 'false']) this.labels(step, permanent).set(0);
      for (const row of read.stuckSteps) this.labels(row.step, String(row.permanent)).inc(row.count);
    },
  });

  new Gauge({
    name: 'hotline_stuck_step_oldest_age_seconds',
    help: 'Age of the oldest workflow step still stuck (since its first failure); 0 when none is.',
    registers: [registry],
    async collect() {
      this.reset();
      const read = await current();
      if (!read) return;
      const oldest = Math.min(...read.stuckSteps.map((row) => row.oldest?.getTime() ?? Infinity));
      this.set(Number.isFinite(oldest) ? Math.max(0, (read.readAt.getTime() - oldest) / 1000) : 0);
    },
  });

  new Gauge({
    name: 'hotline_sms_outbound_last_hour',
    help: 'Outbound SMS created in the last hour, by their status now (queued and sending: not yet taken by Twilio; failed and undelivered: not delivered).',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      const read = await current();
      if (!read) return;
      for (const status of TWILIO_MESSAGE_STATUSES) this.labels(status).set(0);
      for (const row of read.recentSms) this.labels(known(row.status, TWILIO_MESSAGE_STATUSES)).inc(row.count);
    },
  });

  new Gauge({
    name: 'hotline_calls_last_hour',
    help: 'Calls that started in the last hour, by direction (inbound: citizens; outbound: satisfaction surveys) and their status now (busy, no-answer, failed, canceled: not answered).',
    labelNames: ['direction', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      const read = await current();
      if (!read) return;
      for (const direction of CALL_DIRECTIONS) for (const status of CALL_STATUSES) this.labels(direction, status).set(0);
      for (const row of read.recentCalls) this.labels(row.direction, known(row.status, CALL_STATUSES)).inc(row.count);
    },
  });
}
