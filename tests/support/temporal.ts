// Real Temporal servers for tests, from the binaries scripts/bootstrap.mjs installed: never
// let @temporalio/testing download anything.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime, DefaultLogger, makeTelemetryFilterString } from '@temporalio/worker';

function executable(variable: 'TEMPORAL_CLI_PATH' | 'TEMPORAL_TEST_SERVER_PATH'): { type: 'existing-path'; path: string } {
  const path = process.env[variable];
  if (!path) throw new Error(`${variable} is not set: run the suite with \`npm test\``);
  return { type: 'existing-path', path };
}

let runtimeInstalled = false;

/** Keeps the SDK quiet unless something is wrong. */
export function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), forward: {} } },
  });
}

/** Temporal's time-skipping test server: timers fire as soon as nothing else is pending. */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: executable('TEMPORAL_TEST_SERVER_PATH') } });
}

/** The real Temporal dev server (temporal CLI), in memory, on a free port. */
export function createDevServerEnv(): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  return TestWorkflowEnvironment.createLocal({ server: { executable: executable('TEMPORAL_CLI_PATH'), ip: '127.0.0.1' } });
}
