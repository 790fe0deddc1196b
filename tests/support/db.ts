// The test database prepared by scripts/test.ts, and throw-away databases on the same server.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPrismaClient, type PrismaClient } from '../../prisma/client';
import { copyDatabase, dropDatabase, ensureDatabase } from '../../scripts/services/postgres';

/** The test database as the application's role: what the API and worker under test connect as. */
export function testDatabaseUrl(): string {
  return requiredUrl('DATABASE_URL');
}

/** The test database as the schema's owner (what migrations run as). */
export function testOwnerDatabaseUrl(): string {
  return requiredUrl('DATABASE_OWNER_URL');
}

/**
 * The test database as the server's superuser: for tests that stage what only an intruder with
 * full rights could do (changing the schema under a running case, going behind the triggers).
 */
export function testSuperuserDatabaseUrl(): string {
  return requiredUrl('TEST_SUPERUSER_DATABASE_URL');
}

function requiredUrl(name: string): string {
  const url = process.env[name];
  if (!url) throw new Error(`${name} is not set: run the suite with \`npm test\``);
  return url;
}

/** Runs one statement as the superuser (see testSuperuserDatabaseUrl). */
export async function asSuperuser(sql: string, params: unknown[] = []): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: testSuperuserDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const DATABASE_URL_VARIABLES = ['DATABASE_URL', 'DATABASE_OWNER_URL', 'TEST_SUPERUSER_DATABASE_URL'] as const;

function withDatabaseName(url: string, name: string): string {
  const copy = new URL(url);
  copy.pathname = `/${name}`;
  return copy.toString();
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
  let shared: Record<string, string> | undefined;
  before(async () => {
    const pristineUrl = process.env.TEST_PRISTINE_DATABASE_URL;
    if (!pristineUrl) throw new Error('TEST_PRISTINE_DATABASE_URL is not set: run the suite with `npm test`');
    shared = Object.fromEntries(DATABASE_URL_VARIABLES.map((name) => [name, requiredUrl(name)]));
    const ownName = `${decodeURIComponent(new URL(testDatabaseUrl()).pathname.slice(1))}_${label}_${randomBytes(3).toString('hex')}`;
    await copyDatabase(pristineUrl, withDatabaseName(testSuperuserDatabaseUrl(), ownName), decodeURIComponent(new URL(testOwnerDatabaseUrl()).username));
    await closeTestPrisma();
    for (const name of DATABASE_URL_VARIABLES) process.env[name] = withDatabaseName(shared[name]!, ownName);
  });
  after(async () => {
    await closeTestPrisma();
    if (shared) for (const name of DATABASE_URL_VARIABLES) process.env[name] = shared[name];
  });
}

export interface ScratchDatabase {
  url: string;
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** An empty database for tests that must own the whole schema. */
export async function createScratchDatabase(label: string): Promise<ScratchDatabase> {
  // Scratch tests own the whole schema (they migrate it themselves): the superuser's.
  const url = new URL(testSuperuserDatabaseUrl());
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
