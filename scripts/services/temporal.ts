// The Temporal dev server (`temporal server start-dev`: the real server with a SQLite store
// under .data/temporal, plus its web UI), used unless TEMPORAL_ADDRESS names a cluster.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { isPortFree, waitFor } from '../lib/ports';
import { stopChild } from '../lib/stopChild';
import type { ChildCommand } from '../lib/supervisor';
import { TEMPORAL_CLI } from '../lib/tools';

export interface LocalTemporal {
  address: string;
  uiUrl: string;
  startedHere: boolean;
  stop(): Promise<void>;
}

export async function probeTemporal(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: 1_000 });
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } finally {
    await connection.close();
  }
}

export interface DevServerOptions {
  dataRoot: string;
  port: number;
  uiPort: number;
  namespace: string;
}

/**
 * `temporal server start-dev` with its SQLite file and log under `dataRoot`/temporal: state
 * survives a restart, even after a kill -9 (SQLite's journal recovers it).
 */
export function devServerCommand(options: DevServerOptions): ChildCommand {
  const dir = path.join(options.dataRoot, 'temporal');
  mkdirSync(dir, { recursive: true });
  return {
    command: TEMPORAL_CLI,
    args: [
      'server', 'start-dev',
      '--ip', '127.0.0.1',
      '--port', String(options.port),
      '--ui-port', String(options.uiPort),
      '--db-filename', path.join(dir, 'dev.db'),
      '--namespace', options.namespace,
      '--log-level', 'warn',
    ],
    logFile: path.join(dir, 'server.log'),
    stopTimeoutMs: 10_000,
  };
}

/** Waits until the server at `address` serves `namespace`. */
export async function waitForTemporal(address: string, namespace: string, timeoutMs = 60_000): Promise<void> {
  await waitFor('Temporal dev server', () => probeTemporal(address, namespace), timeoutMs, 300);
}

/**
 * True when a Temporal server already serves `port` (to be used as it is), false when the
 * ports are free to start one; anything else on them is an error naming the setting to change.
 */
export async function temporalAlreadyRunning(options: DevServerOptions): Promise<boolean> {
  if (!(await isPortFree(options.port))) {
    try {
      await probeTemporal(`127.0.0.1:${options.port}`, options.namespace);
    } catch {
      throw new Error(`port ${options.port} is in use by something that is not a Temporal server: set LOCAL_TEMPORAL_PORT to a free port`);
    }
    return true;
  }
  if (!(await isPortFree(options.uiPort))) {
    throw new Error(`port ${options.uiPort} (Temporal web UI) is already in use: set LOCAL_TEMPORAL_UI_PORT to a free port`);
  }
  return false;
}

/** Starts the dev server unless one already serves `port`; stop() ends only one started here. */
export async function ensureLocalTemporal(options: DevServerOptions & { log: (message: string) => void }): Promise<LocalTemporal> {
  const address = `127.0.0.1:${options.port}`;
  const uiUrl = `http://127.0.0.1:${options.uiPort}`;
  if (await temporalAlreadyRunning(options)) {
    options.log(`using the Temporal server already running at ${address}`);
    return { address, uiUrl, startedHere: false, stop: async () => {} };
  }
  const command = devServerCommand(options);
  options.log(`starting the Temporal dev server on ${address} (web UI ${uiUrl})`);
  const logFd = openSync(command.logFile!, 'a');
  const child: ChildProcess = spawn(command.command, command.args, { stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  const stop = () => stopChild(child, command.stopTimeoutMs!);
  try {
    await waitFor('Temporal dev server', async () => {
      if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}; see ${command.logFile}`);
      await probeTemporal(address, options.namespace);
    }, 60_000, 300);
  } catch (error) {
    await stop();
    throw error;
  }
  return { address, uiUrl, startedHere: true, stop };
}
