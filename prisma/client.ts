import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { createLogger } from '../config/logger';
import { PrismaClient } from './generated/client';
import { textGuard } from './textGuard';

export type { PrismaClient };
export * as db from './generated/client';

const guardLog = createLogger('text-guard');

/**
 * Prisma Client 7 over the pg driver: no engine binary, the query compiler runs in WebAssembly.
 * Every query passes the text guard (prisma/textGuard.ts); the extended client keeps the
 * plain client's API, hence the cast.
 */
export function createPrismaClient(databaseUrl: string, options: { max?: number } = {}): PrismaClient {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.max ?? 10 });
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  const guarded = client.$extends(textGuard((report) => guardLog.warn(report, 'text a door did not clean was cleaned before PostgreSQL'))) as unknown as PrismaClient;
  pools.set(guarded, pool);
  return guarded;
}

/** The pg pool under each client createPrismaClient made (one pool: one set of connections). */
const pools = new WeakMap<PrismaClient, pg.Pool>();

export interface PreparedStatement {
  /** Unique per statement text: PostgreSQL keeps the statement under this name on each connection. */
  name: string;
  text: string;
}

/**
 * Runs a hot statement as a named prepared statement on the client's own connections, so that
 * PostgreSQL parses and plans it once per connection instead of on every call (Prisma's raw
 * queries are unnamed). Its values pass no text guard: the caller makes them storable.
 */
export async function queryPrepared<T extends pg.QueryResultRow>(prisma: PrismaClient, statement: PreparedStatement, values: unknown[]): Promise<T[]> {
  const pool = pools.get(prisma);
  if (!pool) throw new Error('queryPrepared needs a client made by createPrismaClient');
  return (await pool.query<T>({ name: statement.name, text: statement.text, values })).rows;
}
