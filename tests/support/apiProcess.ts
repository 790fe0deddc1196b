// The API as its own operating-system process (api/main.ts under tsx, as `npm start` runs it),
// on the test database: for tests about several API processes and about start-up refusals.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config/env';
import { freePort } from '../../scripts/lib/ports';
import { stopChild } from '../../scripts/lib/stopChild';
import { testDatabaseUrl } from './db';

export interface ApiProcess {
  url: string;
  /** Everything the process wrote (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

export interface ApiProcessExit {
  code: number | null;
  output: string;
}

function spawnApi(env: Record<string, string>, port: number): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'api-process-')),
      DATABASE_URL: testDatabaseUrl(),
      // Lazy: nothing in these tests needs Temporal.
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** An API answers its requests in flight for up to 10 s before it exits. */
const STOP_GRACE_MS = 10_000;

/** Starts api/main.ts with these settings (over the defaults above) and waits until it answers /healthz. */
export async function startApiProcess(env: Record<string, string> = {}): Promise<ApiProcess> {
  const port = await freePort();
  const { child, output } = spawnApi(env, port);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API process exited with ${child.exitCode}:\n${output()}`);
    const up = await fetch(`${url}/healthz`).then(() => true, () => false);
    if (up) break;
    if (Date.now() > deadline) {
      await stopChild(child, STOP_GRACE_MS);
      throw new Error(`the API process did not answer within 60 s:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, output, stop: () => stopChild(child, STOP_GRACE_MS) };
}

/** Runs api/main.ts expecting it to refuse to start: its exit code and output, or listened=true (then stopped) when it served. */
export async function apiProcessExit(env: Record<string, string>, withinMs = 60_000): Promise<ApiProcessExit & { listened: boolean }> {
  const port = await freePort();
  const { child, output } = spawnApi(env, port);
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (child.exitCode !== null) return { code: child.exitCode, output: output(), listened: false };
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(() => true, () => false);
    if (up || Date.now() > deadline) {
      await stopChild(child, STOP_GRACE_MS);
      return { code: null, output: output(), listened: up };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
