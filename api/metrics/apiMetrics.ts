// The API's Prometheus metrics. One registry per API (not prom-client's global one, so that tests
// running several apps in one process keep theirs apart), served on a listener of its own
// (API_METRICS_ADDRESS, metricsServer.ts), never on the public port. Names carry the `hotline_`
// prefix and their unit; the process's own (process_*, nodejs_*) keep prom-client's usual names,
// which the usual Node.js dashboards expect.
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Logger } from '../../config/logger';
import type { PrismaClient } from '../../prisma/client';
import { CHANNELS, type Channel } from '../../rules/vocabulary';
import { registerDatabaseGauges } from './databaseGauges';

/** Label of a request no route matched (static files, 404s, requests refused before routing). */
export const UNMATCHED_ROUTE = 'unmatched';

export interface RequestLabels {
  method: string;
  /** The Express route pattern, e.g. /api/cases/:id, or UNMATCHED_ROUTE. */
  route: string;
  /** 2xx, 4xx, …; `aborted` when the client went away before the answer was sent. */
  statusClass: string;
}

export interface ApiMetrics {
  readonly registry: Registry;
  observeRequest(labels: RequestLabels, seconds: number): void;
  /** A new case taken by intake (its workflow started): once per case, whichever door it came through. */
  countIntake(channel: Channel): void;
}

export interface ApiMetricsDeps {
  prisma: PrismaClient;
  log: Logger;
  /** How long the figures read from the database serve scrapes before being read again (default 5 s). */
  databaseCacheMs?: number;
}

/**
 * Intake can wait up to 10 s for a new case's row (api/cases/intake.ts) and exports take longer:
 * the buckets reach 30 s; below, the usual steps from 5 ms.
 */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createApiMetrics(deps: ApiMetricsDeps): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requestDuration = new Histogram({
    name: 'hotline_http_request_duration_seconds',
    help: 'Time from a request arriving to its answer being sent, by method, route pattern and status class.',
    labelNames: ['method', 'route', 'status_class'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const intakes = new Counter({
    name: 'hotline_intakes_total',
    help: 'New cases taken by intake (registered and their workflow started), by channel; a retried request is not counted again.',
    labelNames: ['channel'],
    registers: [registry],
  });
  // Every channel from zero, so that increase() sees a channel's first case.
  for (const channel of CHANNELS) intakes.labels(channel).inc(0);
  registerDatabaseGauges(registry, { prisma: deps.prisma, log: deps.log, cacheMs: deps.databaseCacheMs });
  return {
    registry,
    observeRequest: ({ method, route, statusClass }, seconds) => requestDuration.labels(method, route, statusClass).observe(seconds),
    countIntake: (channel) => intakes.labels(channel).inc(),
  };
}
