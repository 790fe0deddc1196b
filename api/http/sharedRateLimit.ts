// Rate limits shared by every API process: express-rate-limit counting in PostgreSQL (table
// RateLimitCounter) instead of one process's memory, so that a limit holds however many API
// processes a balancer spreads the requests over. One atomic statement per request (INSERT …
// ON CONFLICT DO UPDATE … RETURNING) counts the hit and answers the count, with the database's
// clock deciding when a window ends, so that processes never disagree. Expired rows are swept
// now and then by the request that comes first after the sweep interval.
import type { RequestHandler, Request, Response } from 'express';
import { rateLimit, type ClientRateLimitInfo, type IncrementResponse, type Options, type Store } from 'express-rate-limit';
import type { PrismaClient } from '../../prisma/client';
import { HttpError } from './errors';

/** Expired counters are deleted at most this often (per process). */
const SWEEP_EVERY_MS = 5 * 60_000;
/** A counter is kept this long after its window ended (the rows are tiny; the sweep is cheap). */
const KEEP_EXPIRED_MS = 60_000;

let lastSweep = 0;

interface CounterRow {
  hits: number;
  resetAt: Date;
}

export type RateLimitDb = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

/** The store: one per limiter (its `prefix` names the limiter, after the API's scope). */
export class PostgresRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;

  constructor(
    private readonly db: RateLimitDb,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private keyOf(key: string): string {
    return `${this.prefix}${key}`;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const [row] = await this.db.$queryRaw<CounterRow[]>`
      SELECT "hits", "resetAt" FROM "RateLimitCounter" WHERE "key" = ${this.keyOf(key)} AND "resetAt" > now()`;
    return row ? { totalHits: row.hits, resetTime: row.resetAt } : undefined;
  }

  async increment(key: string): Promise<IncrementResponse> {
    this.sweepNowAndThen();
    // SET reads the row as it was: a window that has ended restarts with this hit.
    const [row] = await this.db.$queryRaw<CounterRow[]>`
      INSERT INTO "RateLimitCounter" AS c ("key", "windowStart", "hits", "resetAt")
      VALUES (${this.keyOf(key)}, now(), 1, now() + ${this.windowMs}::integer * interval '1 millisecond')
      ON CONFLICT ("key") DO UPDATE SET
        "windowStart" = CASE WHEN c."resetAt" <= now() THEN EXCLUDED."windowStart" ELSE c."windowStart" END,
        "hits" = CASE WHEN c."resetAt" <= now() THEN 1 ELSE c."hits" + 1 END,
        "resetAt" = CASE WHEN c."resetAt" <= now() THEN EXCLUDED."resetAt" ELSE c."resetAt" END
      RETURNING "hits", "resetAt"`;
    return { totalHits: row!.hits, resetTime: row!.resetAt };
  }

  async decrement(key: string): Promise<void> {
    await this.db.$executeRaw`
      UPDATE "RateLimitCounter" SET "hits" = GREATEST("hits" - 1, 0) WHERE "key" = ${this.keyOf(key)} AND "resetAt" > now()`;
  }

  async resetKey(key: string): Promise<void> {
    await this.db.$executeRaw`DELETE FROM "RateLimitCounter" WHERE "key" = ${this.keyOf(key)}`;
  }

  private sweepNowAndThen(): void {
    if (Date.now() - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = Date.now();
    void sweepExpiredCounters(this.db).catch(() => {
      lastSweep = 0;
    });
  }
}

/** Deletes the counters whose window ended a while ago; answers how many. */
export async function sweepExpiredCounters(db: RateLimitDb): Promise<number> {
  return db.$executeRaw`DELETE FROM "RateLimitCounter" WHERE "resetAt" < now() - ${KEEP_EXPIRED_MS}::integer * interval '1 millisecond'`;
}

export interface SharedRateLimitDeps {
  prisma: RateLimitDb;
  /**
   * Prefix of every counter's key ('' by default). API processes with the same scope share their
   * counters (production: every process of the deployment); a different scope counts apart (tests
   * that start several APIs on one database).
   */
  rateLimitScope?: string;
}

export interface SharedLimitOptions {
  /** The limiter's name in the counters' keys, e.g. 'public-lookups'. */
  name: string;
  windowMs: number;
  limit: number;
  /** The 429's message (with code too_many_requests). */
  message: string;
  /** Whom a request is counted for; default: the client's address (req.ip, IPv6 by /56). */
  keyGenerator?: (req: Request, res: Response) => string | Promise<string>;
}

/** An express-rate-limit middleware counting in PostgreSQL; over the limit: HttpError 429 (Retry-After set). */
export function sharedRateLimit(deps: SharedRateLimitDeps, options: SharedLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new PostgresRateLimitStore(deps.prisma, `${deps.rateLimitScope ?? ''}${options.name}:`),
    ...(options.keyGenerator ? { keyGenerator: options.keyGenerator } : {}),
    // express-rate-limit has set RateLimit and Retry-After by then.
    handler: (_req, _res, next) => next(new HttpError(429, 'too_many_requests', options.message)),
  });
}
