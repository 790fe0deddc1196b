// The processes `npm start` runs, each under a supervisor that restarts it when it crashes: the
// local PostgreSQL cluster and Temporal dev server (unless external or already running ones
// are used), then the worker, the API and the local Twilio endpoint. stop() ends them in order:
// the API (draining its requests) first, then the worker, Temporal, PostgreSQL. The chaos drill
// (scripts/drill.ts) runs the same stack and kills its processes one by one.
import path from 'node:path';
import { PROJECT_ROOT } from '../../config/env';
import { typescriptEntryArgs } from '../../dev/typescriptEntry';
import { assertPortFree, waitFor } from '../lib/ports';
import { SupervisedProcess, type ChildCommand } from '../lib/supervisor';
import { postmasterCommand, prepareCluster, runningClusterPort, runsOnAnotherPortError, waitUntilReady } from './postgres';
import { devServerCommand, probeTemporal, temporalAlreadyRunning, waitForTemporal, type DevServerOptions } from './temporal';
import { allClusterPorts, clusterServerCommand, ensureClusterNamespace, prepareClusterStores, type ClusterOptions } from './temporalCluster';

export type ServiceName = 'postgres' | 'temporal' | 'worker' | 'api' | 'local-twilio';

/** Each group stops before the next one begins to. */
const STOP_ORDER: ServiceName[][] = [['api', 'local-twilio'], ['worker'], ['temporal'], ['postgres']];

const APP_ENTRIES: Record<'worker' | 'api' | 'local-twilio', string> = {
  worker: 'worker/main.ts',
  api: 'api/main.ts',
  'local-twilio': 'dev/localTwilio/main.ts',
};

/** How long each app process may take to stop gracefully before it is killed. */
const APP_STOP_TIMEOUT_MS = { worker: 30_000, api: 20_000, 'local-twilio': 10_000 };

export interface StackOptions {
  log: (message: string) => void;
  alarm?: (message: string) => void;
  /** The app processes write to `<logDir>/<name>.log`; without it, to this process's output. */
  logDir?: string;
}

export class LocalStack {
  private readonly services = new Map<ServiceName, SupervisedProcess>();
  private stopping = false;

  constructor(private readonly options: StackOptions) {}

  /** The supervised process of `name` (the drill kills it); absent when not started here. */
  service(name: ServiceName): SupervisedProcess {
    const service = this.services.get(name);
    if (!service) throw new Error(`${name} is not supervised by this stack`);
    return service;
  }

  has(name: ServiceName): boolean {
    return this.services.has(name);
  }

  /** The local cluster on `port`: the running one as it is, else its server started and watched. */
  async startPostgres(dataRoot: string, port: number): Promise<void> {
    const dataDir = prepareCluster(dataRoot, this.options.log);
    const runningPort = runningClusterPort(dataDir);
    if (runningPort !== null && runningPort !== port) throw runsOnAnotherPortError(dataDir, runningPort);
    if (runningPort !== null) {
      this.options.log(`using the PostgreSQL cluster already running on 127.0.0.1:${port} (not supervised)`);
    } else {
      // Else another program's server on that port would pass for ours below.
      await assertPortFree(port, 'LOCAL_PG_PORT', 'local PostgreSQL');
      this.options.log(`starting PostgreSQL on 127.0.0.1:${port}`);
      this.supervise('postgres', postmasterCommand(dataDir, port));
    }
    await waitUntilReady(port, 60_000);
  }

  /** The dev server: a running one as it is, else started and watched. */
  async startTemporal(options: DevServerOptions): Promise<void> {
    const address = `127.0.0.1:${options.port}`;
    if (await temporalAlreadyRunning(options)) {
      this.options.log(`using the Temporal server already running at ${address} (not supervised)`);
      return;
    }
    this.options.log(`starting the Temporal dev server on ${address} (web UI http://127.0.0.1:${options.uiPort})`);
    this.supervise('temporal', devServerCommand(options));
    await waitForTemporal(address, options.namespace);
  }

  /**
   * Temporal's own server on the local PostgreSQL (TEMPORAL_MODE=cluster): one already serving
   * the frontend's port as it is, else its stores prepared and the server started and watched;
   * then the namespace registered if the cluster is new.
   */
  async startTemporalCluster(options: ClusterOptions & { namespace: string }): Promise<void> {
    const address = `127.0.0.1:${options.ports.frontend}`;
    const running = await probeTemporal(address, options.namespace).then(() => true, () => false);
    if (running) {
      this.options.log(`using the Temporal server already running at ${address} (not supervised)`);
      return;
    }
    for (const port of allClusterPorts(options.ports)) await assertPortFree(port, 'LOCAL_TEMPORAL_PORT', 'the Temporal cluster (its services take ports beside the frontend)');
    await prepareClusterStores(options);
    this.options.log(`starting Temporal's server (frontend, history, matching, worker) on ${address}, its stores on PostgreSQL`);
    this.supervise('temporal', clusterServerCommand(options));
    await ensureClusterNamespace(address, options.namespace);
  }

  /** Starts `name` (worker, API, local Twilio endpoint) with `env`, and watches it. */
  startApp(name: keyof typeof APP_ENTRIES, env: NodeJS.ProcessEnv): void {
    this.supervise(name, {
      command: process.execPath,
      args: typescriptEntryArgs(APP_ENTRIES[name]),
      cwd: PROJECT_ROOT,
      env,
      logFile: this.options.logDir ? path.join(this.options.logDir, `${name}.log`) : undefined,
      stopTimeoutMs: APP_STOP_TIMEOUT_MS[name],
    });
  }

  /** Stops everything started here, in order; nothing is restarted from then on. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const group of STOP_ORDER) {
      await Promise.all(group.filter((name) => this.services.has(name)).map((name) => this.services.get(name)!.stop()));
    }
  }

  private supervise(name: ServiceName, command: ChildCommand): void {
    // A start still under way when stop() came must not leave a process behind.
    if (this.stopping) throw new Error(`not starting the ${name}: stopping`);
    const service = new SupervisedProcess(name, command, { log: this.options.log, alarm: this.options.alarm });
    this.services.set(name, service);
    service.start();
  }
}

/** Waits until the API answers /healthz (a degraded 503 counts: it is up and says why). */
export async function waitForApi(apiUrl: string, timeoutMs = 90_000): Promise<void> {
  await waitFor('the API', async () => {
    const response = await fetch(`${apiUrl}/healthz`);
    if (response.status >= 500 && response.status !== 503) throw new Error(`status ${response.status}`);
  }, timeoutMs, 300);
}
