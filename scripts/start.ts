// `npm start`: local PostgreSQL and Temporal (unless configured), migrations, seed, then the
// worker and the API (which serves the admin console). Ctrl-C stops what this started.
import { spawn, type ChildProcess } from 'node:child_process';
import { loadEnv, PROJECT_ROOT } from '../config/env';
import { migrate } from '../prisma/migrator';
import { createPrismaClient } from '../prisma/client';
import { runSeed } from '../prisma/seed';
import { DEMO_PASSWORD, DEMO_USERS } from '../prisma/seed/users';
import { assertPortFree, waitFor } from './lib/ports';
import { ensureDatabase, ensureLocalPostgres, type LocalPostgres } from './services/postgres';
import { ensureLocalTemporal, type LocalTemporal } from './services/temporal';

const log = (message: string) => console.log(`[start] ${message}`);

async function main(): Promise<void> {
  const env = loadEnv();
  let pgServer: LocalPostgres | null = null;
  let temporal: LocalTemporal | null = null;
  const children: ChildProcess[] = [];
  let stopping = false;

  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping');
    await Promise.all(children.map((child) => stopChild(child)));
    await temporal?.stop();
    if (pgServer?.startedHere) pgServer.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  try {
    if (!env.DATABASE_URL) {
      pgServer = await ensureLocalPostgres({ dataRoot: env.DATA_DIR, port: env.LOCAL_PG_PORT, log });
      await ensureDatabase(env.databaseUrl);
    }
    if (!env.TEMPORAL_ADDRESS) {
      temporal = await ensureLocalTemporal({ dataRoot: env.DATA_DIR, port: env.LOCAL_TEMPORAL_PORT, uiPort: env.LOCAL_TEMPORAL_UI_PORT, namespace: env.TEMPORAL_NAMESPACE, log });
    }
    const migrated = await migrate(env.databaseUrl);
    log(migrated.applied.length > 0 ? `applied migrations: ${migrated.applied.join(', ')}` : 'database schema is up to date');
    const prisma = createPrismaClient(env.databaseUrl);
    const seed = await runSeed(prisma, { demo: env.NODE_ENV !== 'production', log });
    await prisma.$disconnect();
    if (seed.demoApplied) log('demo data seeded');

    await assertPortFree(env.API_PORT, 'API_PORT', 'API and admin console');
    // No Twilio account: the local endpoint stands in for Twilio's cloud (the twilio client already points at it).
    if (env.twilioIsLocal) await assertPortFree(env.LOCAL_TWILIO_PORT, 'LOCAL_TWILIO_PORT', 'local Twilio endpoint');
    const childEnv = { ...process.env, DATABASE_URL: env.databaseUrl, TEMPORAL_ADDRESS: env.temporalAddress };
    const entries: (readonly [string, string])[] = [['worker', 'worker/main.ts'], ['api', 'api/main.ts']];
    if (env.twilioIsLocal) entries.push(['local-twilio', 'telephony/localTwilio/main.ts']);
    for (const [name, entry] of entries) {
      // tsx as a loader, not its CLI (which forks again): signals reach the process itself.
      const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: PROJECT_ROOT, env: childEnv, stdio: 'inherit' });
      child.once('exit', (code, signal) => {
        if (!stopping) {
          log(`${name} exited (${signal ?? code}); stopping everything`);
          void stopAll(1);
        }
      });
      children.push(child);
    }

    const apiUrl = `http://${env.API_HOST === '0.0.0.0' ? '127.0.0.1' : env.API_HOST}:${env.API_PORT}`;
    await waitFor('the API', async () => {
      const response = await fetch(`${apiUrl}/healthz`);
      if (response.status >= 500 && response.status !== 503) throw new Error(`status ${response.status}`);
    }, 60_000, 500);
    const localTwilioUrl = env.twilioIsLocal ? env.twilioApiBaseUrl ?? null : null;
    if (localTwilioUrl) await waitFor('the local Twilio endpoint', async () => void (await fetch(`${localTwilioUrl}/_local/numbers`)), 30_000, 300);
    printBanner(apiUrl, temporal?.uiUrl ?? null, env.temporalAddress, localTwilioUrl);
  } catch (error) {
    console.error(`[start] ${(error as Error).message}`);
    await stopAll(1);
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function printBanner(apiUrl: string, temporalUiUrl: string | null, temporalAddress: string, localTwilioUrl: string | null): void {
  const logins = DEMO_USERS.map((user) => `    ${user.username.padEnd(12)} ${user.roles.join(',').padEnd(12)} ${user.displayName}`).join('\n');
  console.log(`
──────────────────────────────────────────────────────────────
 12345 hotline case system is running
   Admin console   ${apiUrl}/
   Citizen pages   ${apiUrl}/citizen/   (web petition, case lookup)
   API             ${apiUrl}/api   (health: ${apiUrl}/healthz)
   Temporal UI     ${temporalUiUrl ?? `(external cluster at ${temporalAddress})`}
   Phone and SMS   ${localTwilioUrl ? `${localTwilioUrl}/   (local Twilio: place a simulated call, send an SMS)` : "Twilio's cloud"}
 Demo logins (password ${DEMO_PASSWORD}):
${logins}
 Ctrl-C stops everything this command started; data stays in .data/
──────────────────────────────────────────────────────────────`);
}

void main();
