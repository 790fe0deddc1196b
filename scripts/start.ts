// `npm start`: local PostgreSQL and Temporal (unless configured), migrations, seed, then the
// worker and the API (which serves the admin console). Every process it starts is watched and
// restarted when it crashes (scripts/services/stack.ts); Ctrl-C or SIGTERM stops them in order.
import { loadEnv } from '../config/env';
import { roleOf } from '../prisma/databaseRoles';
import { migrate } from '../prisma/migrator';
import { createPrismaClient } from '../prisma/client';
import { runSeed } from '../prisma/seed';
import { DEMO_PASSWORD, DEMO_USERS } from '../prisma/seed/users';
import { assertPortFree, waitFor } from './lib/ports';
import { prepareLocalDatabase } from './db/localDatabase';
import { LocalStack, waitForApi } from './services/stack';
import { clusterPortsFrom, localClusterStores } from './services/temporalCluster';

const log = (message: string) => console.log(`[start] ${message}`);
const alarm = (message: string) => console.error(`\n[start] !!!!!!!! ${message}\n`);

async function main(): Promise<void> {
  const env = loadEnv();
  const stack = new LocalStack({ log, alarm });
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping: API, then worker, then Temporal, then PostgreSQL');
    await stack.stop();
    log('stopped');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAll(0));
  // The children have process groups of their own and outlive a launcher that dies: whatever
  // ends it goes through stopAll, a closed output (the terminal or the reading pipe gone) too.
  process.on('uncaughtException', (error) => {
    console.error(`[start] ${error.stack ?? error.message}`);
    void stopAll(1);
  });
  process.stdout.on('error', () => void stopAll(1));
  process.stderr.on('error', () => void stopAll(1));

  try {
    if (!env.DATABASE_URL) {
      await stack.startPostgres(env.DATA_DIR, env.LOCAL_PG_PORT);
      await prepareLocalDatabase(env.LOCAL_PG_PORT, 'hotline', log);
    }
    if (!env.TEMPORAL_ADDRESS && env.TEMPORAL_MODE === 'cluster') {
      await stack.startTemporalCluster({ dataRoot: env.DATA_DIR, ports: clusterPortsFrom(env.LOCAL_TEMPORAL_PORT), stores: localClusterStores(env.LOCAL_PG_PORT), namespace: env.TEMPORAL_NAMESPACE, log });
    } else if (!env.TEMPORAL_ADDRESS) {
      await stack.startTemporal({ dataRoot: env.DATA_DIR, port: env.LOCAL_TEMPORAL_PORT, uiPort: env.LOCAL_TEMPORAL_UI_PORT, namespace: env.TEMPORAL_NAMESPACE });
    }
    const migrated = await migrate(env.databaseOwnerUrl, { appRole: roleOf(env.databaseUrl) });
    log(migrated.applied.length > 0 ? `applied migrations: ${migrated.applied.join(', ')}` : 'database schema is up to date');
    const prisma = createPrismaClient(env.databaseOwnerUrl);
    const seed = await runSeed(prisma, { demo: env.NODE_ENV !== 'production', log });
    await prisma.$disconnect();
    if (seed.demoApplied) log('demo data seeded');

    await assertPortFree(env.API_PORT, 'API_PORT', 'API and admin console');
    // No Twilio account: the local endpoint stands in for Twilio's cloud (the twilio client already points at it).
    if (env.twilioIsLocal) await assertPortFree(env.LOCAL_TWILIO_PORT, 'LOCAL_TWILIO_PORT', 'local Twilio endpoint');
    const childEnv = { ...process.env, DATABASE_URL: env.databaseUrl, TEMPORAL_ADDRESS: env.temporalAddress };
    stack.startApp('worker', childEnv);
    stack.startApp('api', childEnv);
    if (env.twilioIsLocal) stack.startApp('local-twilio', childEnv);

    const apiUrl = `http://${env.API_HOST === '0.0.0.0' ? '127.0.0.1' : env.API_HOST}:${env.API_PORT}`;
    await waitForApi(apiUrl);
    const localTwilioUrl = env.twilioIsLocal ? env.twilioApiBaseUrl ?? null : null;
    if (localTwilioUrl) await waitFor('the local Twilio endpoint', async () => void (await fetch(`${localTwilioUrl}/_local/numbers`)), 30_000, 300);
    printBanner(apiUrl, temporalUi(env), localTwilioUrl);
  } catch (error) {
    console.error(`[start] ${(error as Error).message}`);
    await stopAll(1);
  }
}

/** What the banner says of Temporal: the dev server's web UI, or where the cluster is. */
function temporalUi(env: ReturnType<typeof loadEnv>): string {
  if (env.TEMPORAL_ADDRESS) return `(external cluster at ${env.temporalAddress})`;
  if (env.TEMPORAL_MODE === 'cluster') return `(Temporal's server at ${env.temporalAddress}, no web UI: .tools/bin/temporal --address ${env.temporalAddress} workflow list)`;
  return `http://127.0.0.1:${env.LOCAL_TEMPORAL_UI_PORT}`;
}

function printBanner(apiUrl: string, temporalUi: string, localTwilioUrl: string | null): void {
  const logins = DEMO_USERS.map((user) => `    ${user.username.padEnd(12)} ${user.roles.join(',').padEnd(12)} ${user.displayName}`).join('\n');
  console.log(`
──────────────────────────────────────────────────────────────
 12345 hotline case system is running
   Admin console   ${apiUrl}/
   Citizen pages   ${apiUrl}/citizen/   (web petition, case lookup)
   API             ${apiUrl}/api   (health: ${apiUrl}/healthz)
   Temporal UI     ${temporalUi}
   Phone and SMS   ${localTwilioUrl ? `${localTwilioUrl}/   (local Twilio: place a simulated call, send an SMS)` : "Twilio's cloud"}
 Demo logins (password ${DEMO_PASSWORD}):
${logins}
 Crashed processes are restarted; Ctrl-C stops everything this command
 started; data stays in .data/
──────────────────────────────────────────────────────────────`);
}

void main();
