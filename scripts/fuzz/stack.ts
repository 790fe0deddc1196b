// The stack `npm run fuzz` attacks, all its own: a fresh database (migrated and seeded, dropped
// afterwards), a Temporal dev server from .tools/, the local Twilio endpoint, a worker and the
// API as separate processes on free ports, as `npm start` runs them. The fuzzer deactivates
// units, changes rule settings and imports calendar years, so it never shares a database.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { loadEnv, PROJECT_ROOT } from '../../config/env';
import { typescriptEntryArgs } from '../../dev/typescriptEntry';
import { createFreshDatabase, scratchServer } from '../db/freshDatabase';
import { freePort, waitFor } from '../lib/ports';
import { overrideRuleSettings } from '../lib/ruleOverrides';
import { stopChild } from '../lib/stopChild';
import { dropDatabase } from '../services/postgres';
import { ensureLocalTemporal } from '../services/temporal';

export interface FuzzStack {
  apiUrl: string;
  /** Where each process writes its log (the API's holds the stack of every 500). */
  logDir: string;
  stop(): Promise<void>;
}

interface Child {
  name: string;
  process: ChildProcess;
}

/** Runs a TypeScript entry point as a process of its own (typescriptEntryArgs). */
function spawnEntry(name: string, entry: string, env: NodeJS.ProcessEnv, logDir: string): Child {
  const logFd = openSync(path.join(logDir, `${name}.log`), 'a');
  const child = spawn(process.execPath, typescriptEntryArgs(entry), { cwd: PROJECT_ROOT, env, stdio: ['ignore', logFd, logFd] });
  return { name, process: child };
}

export interface FuzzStackOptions {
  /** Temporal's SQLite file, attachments, media streams: removed by the caller afterwards. */
  dataDir: string;
  logDir: string;
  /** Lifetime of the access tokens the API signs: the longest run must not outlive its token. */
  accessTtlSeconds: number;
  log: (message: string) => void;
}

export async function startFuzzStack({ dataDir, logDir, accessTtlSeconds, log }: FuzzStackOptions): Promise<FuzzStack> {
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(logDir, { recursive: true });
  const server = await scratchServer(loadEnv(), log);
  const database = await createFreshDatabase(server.serverUrl, 'hotline_fuzz', log);
  const databaseUrl = database.appUrl;
  log(`database ${new URL(databaseUrl).pathname.slice(1)} migrated and seeded`);
  // The anonymous run sends hundreds of logins from 127.0.0.1; the runs after it must still sign in.
  await overrideRuleSettings(databaseUrl, {
    'session.accessTtlSeconds': accessTtlSeconds,
    'login.throttle': { perAddress: 100_000, perUsername: 1_000, perUsernameAndAddress: 100, windowMinutes: 1 },
  });
  const temporal = await ensureLocalTemporal({ dataRoot: dataDir, port: await freePort(), uiPort: await freePort(), namespace: 'default', log });
  const [apiPort, twilioPort] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    // Errors only: the API logs each 500 with its stack, which is what a failure report needs.
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    DATA_DIR: dataDir,
    JWT_ACCESS_TTL_SECONDS: String(accessTtlSeconds),
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: 'fuzz',
    API_HOST: '127.0.0.1',
    API_PORT: String(apiPort),
    PUBLIC_BASE_URL: apiUrl,
    LOCAL_TWILIO_PORT: String(twilioPort),
  };
  const children = [
    spawnEntry('local-twilio', 'dev/localTwilio/main.ts', env, logDir),
    spawnEntry('worker', 'worker/main.ts', env, logDir),
    spawnEntry('api', 'api/main.ts', env, logDir),
  ];
  const stop = async () => {
    for (const child of [...children].reverse()) await stopChild(child.process, 10_000);
    await temporal.stop();
    await dropDatabase(database.superuserUrl).catch((error: Error) => log(`could not drop ${databaseUrl}: ${error.message}`));
    server.release();
  };
  try {
    await waitFor('the API', async () => {
      const dead = children.find((child) => child.process.exitCode !== null);
      if (dead) throw new Error(`${dead.name} exited with code ${dead.process.exitCode}; see ${path.join(logDir, `${dead.name}.log`)}`);
      const response = await fetch(`${apiUrl}/healthz`);
      if (response.status !== 200) throw new Error(`/healthz answered ${response.status}: ${await response.text()}`);
    }, 180_000, 500);
  } catch (error) {
    await stop();
    throw error;
  }
  log(`API at ${apiUrl}, Temporal at ${temporal.address}; logs in ${logDir}`);
  return { apiUrl, logDir, stop };
}
