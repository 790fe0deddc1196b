// `npm test`: type-checks, then runs the mocha suite against a fresh PostgreSQL database
// (created, migrated and seeded for this run, dropped after it) and real Temporal servers that
// the tests start from the binaries in .tools/. The exit code is the suite's.
//   npm test -- --grep <pattern>        extra arguments go to mocha
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadEnv, localDatabaseUrl, PROJECT_ROOT } from '../config/env';
import { createPrismaClient } from '../prisma/client';
import { migrate } from '../prisma/migrator';
import { runSeed } from '../prisma/seed';
import { dropDatabase, ensureDatabase, ensureLocalPostgres, type LocalPostgres } from './services/postgres';
import { TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from './lib/tools';
import { freePort, PortInUseError } from './lib/ports';

const log = (message: string) => console.log(`[test] ${message}`);

function bin(name: string): string {
  return path.join(PROJECT_ROOT, 'node_modules', '.bin', name);
}

async function main(): Promise<number> {
  const env = loadEnv({ ...process.env, NODE_ENV: 'test' });
  const mochaArgs = process.argv.slice(2);

  if (mochaArgs.length === 0) {
    log('type-checking');
    for (const project of ['.', 'admin-ui']) {
      const result = spawnSync(bin('tsc'), ['--noEmit', '-p', project], { cwd: PROJECT_ROOT, stdio: 'inherit' });
      if (result.status !== 0) return result.status ?? 1;
    }
  }

  let pgServer: LocalPostgres | null = null;
  let serverUrl: URL;
  if (env.DATABASE_URL) {
    serverUrl = new URL(env.DATABASE_URL);
  } else {
    try {
      pgServer = await ensureLocalPostgres({ dataRoot: env.DATA_DIR, port: env.LOCAL_PG_PORT, log, acceptRunningPort: true });
    } catch (error) {
      // Another program (say, another clone's `npm start`) holds the default port: a test run
      // only needs its cluster for its own duration, so any free port will do.
      if (!(error instanceof PortInUseError) || process.env.LOCAL_PG_PORT) throw error;
      const port = await freePort();
      log(`port ${env.LOCAL_PG_PORT} is taken; running the test cluster on ${port}`);
      pgServer = await ensureLocalPostgres({ dataRoot: env.DATA_DIR, port, log });
    }
    serverUrl = new URL(localDatabaseUrl(pgServer.port));
  }
  const testDbUrl = new URL(serverUrl);
  testDbUrl.pathname = `/hotline_test_${Date.now()}_${process.pid}`;
  const databaseUrl = testDbUrl.toString();

  try {
    await ensureDatabase(databaseUrl);
    await migrate(databaseUrl);
    const prisma = createPrismaClient(databaseUrl);
    await runSeed(prisma, { demo: true });
    await prisma.$disconnect();
    log(`database ${testDbUrl.pathname.slice(1)} migrated and seeded`);

    const result = spawnSync(bin('mocha'), mochaArgs, {
      cwd: PROJECT_ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
        DATABASE_URL: databaseUrl,
        TEMPORAL_CLI_PATH: TEMPORAL_CLI,
        TEMPORAL_TEST_SERVER_PATH: TEMPORAL_TEST_SERVER,
      },
    });
    return result.status ?? 1;
  } finally {
    if (!process.env.KEEP_TEST_DB) await dropDatabase(databaseUrl).catch((error) => log(`could not drop the test database: ${error.message}`));
    if (pgServer?.startedHere) pgServer.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[test] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
