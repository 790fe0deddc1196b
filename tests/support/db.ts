// The test database prepared by scripts/test.ts, and throw-away databases on the same server.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPrismaClient, type PrismaClient } from '../../prisma/client';
import { copyDatabase, dropDatabase, ensureDatabase } from '../../scripts/services/postgres';

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

/**
 * Gives a describe block a copy of the freshly seeded test database, in place of the shared one,
 * for suites that assert what a whole list shows (a queue's first page, a total): cases that
 * other suites left behind would crowd them. Call before useApiStack, whose hooks must see it.
 * scripts/test.ts drops the copies with the run's database.
 */
export function useOwnDatabase(label: string): void {
  let sharedUrl: string | undefined;
  before(async () => {
    const pristineUrl = process.env.TEST_PRISTINE_DATABASE_URL;
    if (!pristineUrl) throw new Error('TEST_PRISTINE_DATABASE_URL is not set: run the suite with `npm test`');
    sharedUrl = testDatabaseUrl();
    const own = new URL(sharedUrl);
    own.pathname = `${own.pathname}_${label}_${randomBytes(3).toString('hex')}`;
    await copyDatabase(pristineUrl, own.toString());
    await closeTestPrisma();
    process.env.DATABASE_URL = own.toString();
  });
  after(async () => {
    await closeTestPrisma();
    if (sharedUrl) process.env.DATABASE_URL = sharedUrl;
  });
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
