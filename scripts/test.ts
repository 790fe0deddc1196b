// `npm test`: type-checks, fuzzes the API (scripts/fuzz.ts, on a stack and database of its
// own), then runs the mocha suite against a fresh PostgreSQL database (created, migrated and
// seeded for this run, dropped after it) and real Temporal servers that the tests start from
// the binaries in .tools/, then `npm run test:cluster` (scripts/testCluster.ts). Fails when
// any of them fails.
//   npm test -- --grep <pattern>        extra arguments go to mocha (no type-check, no fuzzing)
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { loadEnv, PROJECT_ROOT } from '../config/env';
import { roleOf } from '../prisma/databaseRoles';
import { createFreshDatabase, scratchServer } from './db/freshDatabase';
import { TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from './lib/tools';
import { copyDatabase, databasesNamed, dropDatabase } from './services/postgres';

const log = (message: string) => console.log(`[test] ${message}`);

function bin(name: string): string {
  return path.join(PROJECT_ROOT, 'node_modules', '.bin', name);
}

async function main(): Promise<number> {
  const env = loadEnv({ ...process.env, NODE_ENV: 'test' });
  const mochaArgs = process.argv.slice(2);

  const wholeSuite = mochaArgs.length === 0;
  if (wholeSuite) {
    log('type-checking');
    for (const project of ['.', 'admin-ui']) {
      const result = spawnSync(bin('tsc'), ['--noEmit', '-p', project], { cwd: PROJECT_ROOT, stdio: 'inherit' });
      if (result.status !== 0) return result.status ?? 1;
    }
  }

  // The fuzzer is a program of its own, not a mocha test: it starts its own stack and database
  // (its admin run changes shared data), has its own time budget and report, and needs none of
  // mocha's hooks. It runs before mocha so that mocha's summary closes the log.
  let fuzzStatus = 0;
  if (wholeSuite) {
    log('fuzzing the API (npm run fuzz)');
    fuzzStatus = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/fuzz.ts'], { cwd: PROJECT_ROOT, stdio: 'inherit' }).status ?? 1;
    if (fuzzStatus !== 0) log('the fuzzer failed (see its summary above); running the suite all the same');
  }

  const server = await scratchServer(env, log);
  let databaseUrl: string | null = null;
  try {
    // The suite runs as the product does: the application's role, the owner and the superuser
    // only where a test says so (tests/support/db.ts).
    const database = await createFreshDatabase(server.serverUrl, 'hotline_test', log);
    databaseUrl = database.superuserUrl;
    log(`database ${new URL(databaseUrl).pathname.slice(1)} migrated and seeded`);
    // An untouched copy, for suites that need a database of their own (tests/support/db.ts
    // useOwnDatabase): copying it is fast, and nothing ever connects to it.
    const pristineUrl = withDatabaseName(databaseUrl, `${databaseName(databaseUrl)}_pristine`);
    await copyDatabase(databaseUrl, pristineUrl, roleOf(database.ownerUrl));

    const result = spawnSync(bin('mocha'), mochaArgs, {
      cwd: PROJECT_ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
        DATABASE_URL: database.appUrl,
        DATABASE_OWNER_URL: database.ownerUrl,
        TEST_SUPERUSER_DATABASE_URL: database.superuserUrl,
        TEST_PRISTINE_DATABASE_URL: pristineUrl,
        // Never a developer's own checkpoints (DATA_DIR) against the test database.
        AUDIT_CHECKPOINT_FILE: path.join(os.tmpdir(), `hotline-test-audit-checkpoints-${process.pid}.jsonl`),
        TEMPORAL_CLI_PATH: TEMPORAL_CLI,
        TEMPORAL_TEST_SERVER_PATH: TEMPORAL_TEST_SERVER,
      },
    });
    // The product on Temporal's own server, two workers and two APIs killed under load: a run of
    // its own (its own database and cluster), after the suite so the two do not share the CPU.
    let clusterStatus = 0;
    if (wholeSuite) {
      log('the product on Temporal\'s server (npm run test:cluster)');
      clusterStatus = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/testCluster.ts'], { cwd: PROJECT_ROOT, stdio: 'inherit' }).status ?? 1;
    }
    return (result.status ?? 1) || fuzzStatus || clusterStatus;
  } finally {
    if (databaseUrl && !process.env.KEEP_TEST_DB) await dropRunDatabases(databaseUrl).catch((error) => log(`could not drop the test databases: ${error.message}`));
    server.release();
  }
}

const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

function withDatabaseName(url: string, name: string): string {
  const copy = new URL(url);
  copy.pathname = `/${name}`;
  return copy.toString();
}

/** The run's database, its pristine copy and the suites' own copies (all named after it). */
async function dropRunDatabases(databaseUrl: string): Promise<void> {
  const runCopies = await databasesNamed(databaseUrl, `${databaseName(databaseUrl)}_`);
  for (const name of [databaseName(databaseUrl), ...runCopies]) await dropDatabase(withDatabaseName(databaseUrl, name));
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[test] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
