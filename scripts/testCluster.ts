// `npm run test:cluster`: the product on Temporal's own server (scripts/services/temporalCluster.ts)
// with two workers and two API processes, killed and restarted under load
// (tests/cluster/*.cluster.ts). Prepares a fresh database and a throw-away cluster on the
// project's PostgreSQL, runs mocha over those files, then drops both. Its last line reads
// `N passed, N failed`. `npm test` runs it after the main suite.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadEnv, PROJECT_ROOT } from '../config/env';
import { createFreshDatabase, scratchServer } from './db/freshDatabase';
import { dropDatabase } from './services/postgres';
import { startScratchCluster } from './services/temporalCluster';

const log = (message: string) => console.log(`[test:cluster] ${message}`);

async function main(): Promise<number> {
  const env = loadEnv({ ...process.env, NODE_ENV: 'test' });
  const server = await scratchServer(env, log);
  try {
    const database = await createFreshDatabase(server.serverUrl, 'hotline_cluster', log);
    try {
      const cluster = await startScratchCluster({ serverUrl: server.serverUrl, namespace: 'default', log });
      try {
        const result = spawnSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'mocha'), [
          '--no-config', '--require', 'tsx/cjs', '--require', './tests/support/hooks.ts', '--extension', 'ts', '--timeout', '600000',
          '--reporter', './tests/support/summaryReporter.cjs', '--reporter-option', 'plain=true', '--exit',
          ...(process.argv.length > 2 ? process.argv.slice(2) : ['tests/cluster/**/*.cluster.ts']),
        ], {
          cwd: PROJECT_ROOT,
          stdio: 'inherit',
          env: {
            ...process.env,
            NODE_ENV: 'test',
            LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
            DATABASE_URL: database.appUrl,
            DATABASE_OWNER_URL: database.ownerUrl,
            TEST_SUPERUSER_DATABASE_URL: database.superuserUrl,
            TEMPORAL_ADDRESS: cluster.address,
          },
        });
        return result.status ?? 1;
      } finally {
        await cluster.stop();
      }
    } finally {
      if (!process.env.KEEP_TEST_DB) await dropDatabase(database.superuserUrl).catch((error: Error) => log(`could not drop the test database: ${error.message}`));
    }
  } finally {
    server.release();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[test:cluster] ${error instanceof Error ? error.stack : error}`);
    process.exit(1);
  },
);
