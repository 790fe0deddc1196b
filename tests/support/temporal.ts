// Real Temporal servers for tests, from the binaries scripts/bootstrap.mjs installed: never
// let @temporalio/testing download anything.
import { chmodSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataConverter } from '@temporalio/common';
import { Runtime, DefaultLogger, makeTelemetryFilterString, type LogEntry } from '@temporalio/worker';
import { loadEnv } from '../../config/env';
import { temporalDataConverter } from '../../config/temporal';

function executable(variable: 'TEMPORAL_CLI_PATH' | 'TEMPORAL_TEST_SERVER_PATH'): { type: 'existing-path'; path: string } {
  const path = process.env[variable];
  if (!path) throw new Error(`${variable} is not set: run the suite with \`npm test\``);
  return { type: 'existing-path', path };
}

let runtimeInstalled = false;

/**
 * The payload encryption of the product (TEMPORAL_PAYLOAD_KEYS, by default the demo key): the
 * test workers, the API under test and the test environments' clients all use it, as the
 * worker and API processes do.
 */
export function testDataConverter(): DataConverter {
  return temporalDataConverter(loadEnv({ ...process.env, NODE_ENV: 'test' }));
}

/**
 * Test workers have no Twilio endpoint unless a test runs one, so every queued SMS and survey call
 * fails its attempts on purpose (and Temporal retries them): those expected failures are not news.
 */
function expectedTwilioOutage(entry: LogEntry): boolean {
  const meta = entry.meta as { activityType?: string; error?: { type?: string; message?: string; cause?: { code?: string } } } | undefined;
  if (entry.message !== 'Activity failed') return false;
  if (meta?.activityType === 'sendSms') return ['SmsSendFailed', 'SmsRejected'].includes(meta.error?.type ?? '');
  return meta?.activityType === 'placeSurveyCall' && /ECONNREFUSED/.test(`${meta.error?.message ?? ''} ${meta.error?.cause?.code ?? ''}`);
}

/** The stuck-step tests make writes fail on purpose through constraints named `test_stuck_…`. */
function expectedStuckWrite(entry: LogEntry): boolean {
  return /test_stuck_/.test(inspect(entry.meta, { depth: 6 }));
}

function logToStderr(entry: LogEntry): void {
  if (expectedTwilioOutage(entry) || expectedStuckWrite(entry)) return;
  const time = new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString();
  process.stderr.write(`${time} [${entry.level}] ${entry.message}${entry.meta ? ` ${inspect(entry.meta)}` : ''}\n`);
}

/** Keeps the SDK quiet unless something is wrong. */
export function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({
    logger: new DefaultLogger('WARN', logToStderr),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), forward: {} } },
  });
}

/**
 * The SDK waits a fixed 5 s for a server it started to accept connections, then kills it. On a
 * loaded 2-core CI machine (several suites in parallel, some servers under libfaketime) the start
 * can take longer, so a start that timed out is tried again; every other failure is not.
 */
const SERVER_START_ATTEMPTS = 3;

async function startServer(start: () => Promise<TestWorkflowEnvironment>): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start();
    } catch (error) {
      const timedOut = /did not start within/.test(String((error as Error)?.message ?? error));
      if (!timedOut || attempt >= SERVER_START_ATTEMPTS) throw error;
      process.stderr.write(`test Temporal server did not start in time (attempt ${attempt} of ${SERVER_START_ATTEMPTS}); starting it again\n`);
    }
  }
}

/** Temporal's time-skipping test server: timers fire as soon as nothing else is pending. */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  return startServer(() => TestWorkflowEnvironment.createTimeSkipping({ server: { executable: executable('TEMPORAL_TEST_SERVER_PATH') }, client: { dataConverter: testDataConverter() } }));
}

/** The real Temporal dev server (temporal CLI), in memory, on a free port. */
export function createDevServerEnv(): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  return startServer(() => TestWorkflowEnvironment.createLocal({ server: { executable: executable('TEMPORAL_CLI_PATH'), ip: '127.0.0.1' }, client: { dataConverter: testDataConverter() } }));
}

/** libfaketime from Debian's faketime package (installed by scripts/bootstrap.mjs as root). */
export function faketimeLibrary(): string | null {
  for (const dir of readdirSync('/usr/lib')) {
    const candidate = path.join('/usr/lib', dir, 'faketime', 'libfaketimeMT.so.1');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * The time-skipping test server with its clock starting at `start` (e.g. the eve of the 2026
 * Spring Festival): the real server binary, run under libfaketime, since its clock has no
 * setting of its own. Workflow time is the server's time, so every timer runs over the real
 * calendar dates.
 */
export function createTimeSkippingEnvAt(start: Date): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  const library = faketimeLibrary();
  if (!library) throw new Error("libfaketime not found: install Debian's faketime package (npm test does, as root)");
  const server = executable('TEMPORAL_TEST_SERVER_PATH').path;
  const stamp = start.toISOString().replace('T', ' ').slice(0, 19);
  const wrapper = path.join(mkdtempSync(path.join(os.tmpdir(), 'test-server-at-')), 'temporal-test-server');
  writeFileSync(wrapper, `#!/bin/sh\nexport LD_PRELOAD='${library}'\nexport FAKETIME='@${stamp}'\nexport FAKETIME_DONT_RESET=1\nexport TZ=UTC\nexec '${server}' "$@"\n`);
  chmodSync(wrapper, 0o755);
  return startServer(() => TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: wrapper } }, client: { dataConverter: testDataConverter() } }));
}
