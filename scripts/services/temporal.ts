// The Temporal dev server (`temporal server start-dev`: the real server with a SQLite store
// under .data/temporal, plus its web UI), used unless TEMPORAL_ADDRESS names a cluster.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { isPortFree, waitFor } from '../lib/ports';
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

export async function ensureLocalTemporal(options: {
  dataRoot: string;
  port: number;
  uiPort: number;
  namespace: string;
  log: (message: string) => void;
}): Promise<LocalTemporal> {
  const address = `127.0.0.1:${options.port}`;
  const uiUrl = `http://127.0.0.1:${options.uiPort}`;
  if (!(await isPortFree(options.port))) {
    try {
      await probeTemporal(address, options.namespace);
    } catch {
      throw new Error(`port ${options.port} is in use by something that is not a Temporal server: set LOCAL_TEMPORAL_PORT to a free port`);
    }
    options.log(`using the Temporal server already running at ${address}`);
    return { address, uiUrl, startedHere: false, stop: async () => {} };
  }
  if (!(await isPortFree(options.uiPort))) {
    throw new Error(`port ${options.uiPort} (Temporal web UI) is already in use: set LOCAL_TEMPORAL_UI_PORT to a free port`);
  }
  const dir = path.join(options.dataRoot, 'temporal');
  mkdirSync(dir, { recursive: true });
  const logFd = openSync(path.join(dir, 'server.log'), 'a');
  options.log(`starting the Temporal dev server on ${address} (web UI ${uiUrl})`);
  const child: ChildProcess = spawn(
    TEMPORAL_CLI,
    [
      'server', 'start-dev',
      '--ip', '127.0.0.1',
      '--port', String(options.port),
      '--ui-port', String(options.uiPort),
      '--db-filename', path.join(dir, 'dev.db'),
      '--namespace', options.namespace,
      '--log-level', 'warn',
    ],
    { stdio: ['ignore', logFd, logFd] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  };
  try {
    await waitFor('Temporal dev server', async () => {
      if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}; see ${path.join(dir, 'server.log')}`);
      await probeTemporal(address, options.namespace);
    }, 60_000, 300);
  } catch (error) {
    await stop();
    throw error;
  }
  return { address, uiUrl, startedHere: true, stop };
}
