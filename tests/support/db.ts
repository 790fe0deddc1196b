// The test database prepared by scripts/test.ts, and throw-away databases on the same server.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPrismaClient, type PrismaClient } from '../../prisma/client';
import { dropDatabase, ensureDatabase } from '../../scripts/services/postgres';

export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the suite with `npm test`');
  return url;
}

let shared: PrismaClient | undefined;

/** One client for the migrated and seeded test database; closed by the root hook. */
export function testPrisma(): PrismaClient {
  shared ??= createPrismaClient(testDatabaseUrl(), { max: 5 });
  return shared;
}

export async function closeTestPrisma(): Promise<void> {
  await shared?.$disconnect();
  shared = undefined;
}

export interface ScratchDatabase {
  url: string;
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** An empty database for tests that must own the whole schema. */
export async function createScratchDatabase(label: string): Promise<ScratchDatabase> {
  const url = new URL(testDatabaseUrl());
  url.pathname = `/scratch_${label}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // Dropping the database terminates whatever is still connected; that is expected here.
  pool.on('error', () => {});
  return {
    url: databaseUrl,
    query: async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await pool.query<T>(sql, params)).rows,
    drop: async () => {
      await pool.end();
      await dropDatabase(databaseUrl);
    },
  };
}
