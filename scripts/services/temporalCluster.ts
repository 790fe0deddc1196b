// Temporal's own server (built from source by scripts/bootstrap.mjs) on the project's PostgreSQL:
// the topology TEMPORAL_MODE=cluster runs instead of the dev server. Its two stores are
// databases of their own on the local cluster (`temporal` for history and `temporal_visibility`
// for SQL visibility), owned by a role of their own and set up by Temporal's temporal-sql-tool
// from the schemas built into it. One process runs the four services (frontend, history,
// matching, worker) with their own ports; docs/production.md says how a city splits them.
import { execFile, spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Connection, type TLSConfig } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import pg from 'pg';
import { localDatabaseUrl } from '../../config/env';
import { freePort, waitFor } from '../lib/ports';
import { stopChild } from '../lib/stopChild';
import type { ChildCommand } from '../lib/supervisor';
import { TEMPORAL_SERVER, TEMPORAL_SQL_TOOL } from '../lib/tools';

const run = promisify(execFile);

/** The role Temporal's services connect as. */
export const TEMPORAL_ROLE = 'temporal';

/** Where Temporal keeps its state: two databases on a PostgreSQL server. */
export interface ClusterStores {
  /** A superuser's URL on that server (to create the role and the databases; its database does not matter). */
  serverUrl: string;
  /** Workflow histories, mutable state, task queues. */
  history: string;
  /** SQL visibility: what `workflow list` queries. */
  visibility: string;
}

/** The stores `npm start` keeps on the project's local PostgreSQL. */
export const localClusterStores = (postgresPort: number): ClusterStores => ({ serverUrl: localDatabaseUrl(postgresPort, 'postgres'), history: 'temporal', visibility: 'temporal_visibility' });

/** Each store's database and the schema temporal-sql-tool has built in for it. */
const storeSchemas = (stores: ClusterStores) => [
  { database: stores.history, schema: 'postgresql/v12/temporal' },
  { database: stores.visibility, schema: 'postgresql/v12/visibility' },
];

const serverAddress = (stores: ClusterStores) => new URL(stores.serverUrl);
/** The server's `postgres` database, which always exists (the URL's own may not, on a fresh cluster). */
const maintenanceUrl = (stores: ClusterStores) => {
  const url = serverAddress(stores);
  url.pathname = '/postgres';
  return url.toString();
};
const storeUrl = (stores: ClusterStores, database: string) => {
  const url = serverAddress(stores);
  url.username = TEMPORAL_ROLE;
  url.password = '';
  url.pathname = `/${database}`;
  return url.toString();
};

/**
 * Fixed when the history database is first set up and never changed after: every workflow
 * is placed on a shard by its ID. Four suit one machine; a city's cluster starts with 512 or more.
 */
export const LOCAL_HISTORY_SHARDS = 4;

export interface ClusterPorts {
  /** gRPC of the frontend: the address clients and workers use. */
  frontend: number;
  frontendHttp: number;
  history: number;
  matching: number;
  worker: number;
  /** Ringpop membership of each service. */
  membership: { frontend: number; history: number; matching: number; worker: number };
  /** The server's Prometheus metrics. */
  metrics: number;
}

/** The ports `npm start` uses: the frontend on LOCAL_TEMPORAL_PORT, the rest beside it (as Temporal's own sample configuration lays them out). */
export function clusterPortsFrom(frontend: number): ClusterPorts {
  return {
    frontend,
    frontendHttp: frontend + 10,
    history: frontend + 1,
    matching: frontend + 2,
    worker: frontend + 6,
    membership: { frontend: frontend - 300, history: frontend - 299, matching: frontend - 298, worker: frontend - 294 },
    metrics: frontend + 767,
  };
}

export const allClusterPorts = (ports: ClusterPorts): number[] => [ports.frontend, ports.frontendHttp, ports.history, ports.matching, ports.worker, ...Object.values(ports.membership), ports.metrics];

/** TLS on the frontend: its certificate, and the CA and name its own clients check it with. */
export interface FrontendTls {
  certFile: string;
  keyFile: string;
  caFile: string;
  serverName: string;
}

export interface ClusterOptions {
  /** The server's configuration and log go to `<dataRoot>/temporal-cluster`. */
  dataRoot: string;
  ports: ClusterPorts;
  stores: ClusterStores;
  /** Without it the frontend speaks plain gRPC (the local topology listens on 127.0.0.1 only). */
  frontendTls?: FrontendTls;
  log: (message: string) => void;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function sqlTool(stores: ClusterStores, database: string, args: string[]): Promise<unknown> {
  const server = serverAddress(stores);
  return run(TEMPORAL_SQL_TOOL, ['--plugin', 'postgres12', '--ep', server.hostname, '--port', server.port || '5432', '--user', TEMPORAL_ROLE, '--db', database, ...args]);
}

/**
 * The role, the two databases and their schemas, brought to the version the built server
 * needs: created on first use, updated by the server's own schema tool after an upgrade,
 * left as they are otherwise.
 */
export async function prepareClusterStores(options: Pick<ClusterOptions, 'stores' | 'log'>): Promise<void> {
  const { stores } = options;
  await withClient(maintenanceUrl(stores), async (client) => {
    const role = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [TEMPORAL_ROLE]);
    // Two starters may race here; the loser's "already exists" is harmless.
    if (role.rowCount === 0) await client.query(`CREATE ROLE ${pg.escapeIdentifier(TEMPORAL_ROLE)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE`).catch((error: { code?: string }) => { if (error.code !== '42710') throw error; });
    for (const { database } of storeSchemas(stores)) {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) {
        options.log(`creating Temporal's database ${database}`);
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)} OWNER ${pg.escapeIdentifier(TEMPORAL_ROLE)}`);
      }
    }
  });
  for (const { database, schema } of storeSchemas(stores)) {
    const versioned = await withClient(storeUrl(stores, database), async (client) => {
      const { rows } = await client.query<{ table: string | null }>(`SELECT to_regclass('schema_version')::text AS table`);
      return rows[0]!.table !== null;
    });
    // `setup-schema -v 0.0` sets the recorded version back to 0.0: only on a database without one.
    if (!versioned) await sqlTool(stores, database, ['setup-schema', '-v', '0.0']);
    await sqlTool(stores, database, ['update-schema', '--schema-name', schema]);
  }
}

/** Drops both stores (a scratch cluster's, once its server stopped). */
export async function dropClusterStores(stores: ClusterStores): Promise<void> {
  await withClient(maintenanceUrl(stores), async (client) => {
    for (const { database } of storeSchemas(stores)) await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`);
  });
}

/** The server's configuration (JSON is YAML), written where the server reads it. */
export function clusterConfig(options: ClusterOptions): object {
  const { ports, stores } = options;
  const server = serverAddress(stores);
  const store = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${server.hostname}:${server.port || '5432'}`,
      connectProtocol: 'tcp',
      user: TEMPORAL_ROLE,
      password: '',
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const service = (grpcPort: number, membershipPort: number, extra: object = {}) => ({ rpc: { grpcPort, membershipPort, bindOnLocalHost: true, ...extra } });
  // The frontend's clients inside the server (the other services, the system worker) check it like any client.
  const tlsClient = options.frontendTls ? { serverName: options.frontendTls.serverName, rootCaFiles: [options.frontendTls.caFile] } : undefined;
  const tls = options.frontendTls
    ? { frontend: { server: { certFile: options.frontendTls.certFile, keyFile: options.frontendTls.keyFile, requireClientAuth: false }, client: tlsClient }, systemWorker: { client: tlsClient } }
    : undefined;
  return {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'history-store',
      visibilityStore: 'visibility-store',
      numHistoryShards: LOCAL_HISTORY_SHARDS,
      datastores: { 'history-store': store(stores.history, 20), 'visibility-store': store(stores.visibility, 10) },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' },
      ...(tls ? { tls } : {}),
      metrics: { prometheus: { framework: 'tally', timerType: 'histogram', listenAddress: `127.0.0.1:${ports.metrics}` } },
    },
    services: {
      frontend: service(ports.frontend, ports.membership.frontend, { httpPort: ports.frontendHttp }),
      history: service(ports.history, ports.membership.history),
      matching: service(ports.matching, ports.membership.matching),
      worker: service(ports.worker, ports.membership.worker),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: { active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: `127.0.0.1:${ports.frontend}` } },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: path.join(clusterDir(options.dataRoot), 'dynamicconfig.yaml'), pollInterval: '10s' },
  };
}

const clusterDir = (dataRoot: string) => path.join(dataRoot, 'temporal-cluster');

/** The server with all four services in one process, for a supervisor or a test to run. */
export function clusterServerCommand(options: ClusterOptions): ChildCommand {
  const dir = clusterDir(options.dataRoot);
  mkdirSync(dir, { recursive: true });
  const configFile = path.join(dir, 'config.yaml');
  writeFileSync(configFile, JSON.stringify(clusterConfig(options), null, 2));
  // Dynamic settings an operator may change while the server runs (polled every 10 s); none by default.
  writeFileSync(path.join(dir, 'dynamicconfig.yaml'), '{}\n');
  return {
    command: TEMPORAL_SERVER,
    // No authorizer: the local topology listens on 127.0.0.1 only (docs/production.md for TLS and authorization).
    args: ['--config-file', configFile, '--allow-no-auth', 'start'],
    cwd: dir,
    logFile: path.join(dir, 'server.log'),
    stopTimeoutMs: 30_000,
  };
}

/** How long closed cases' histories stay in the namespace (the projection keeps them for good). */
const RETENTION_DAYS = 30;

/**
 * Registers `namespace` on a fresh cluster (the dev server makes its own; a cluster starts with
 * none), then waits until the frontend's namespace cache serves it.
 */
export async function ensureClusterNamespace(address: string, namespace: string, options: { tls?: TLSConfig; timeoutMs?: number } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const connection = await waitFor('the Temporal frontend', () => Connection.connect({ address, tls: options.tls, connectTimeout: 1_000 }), timeoutMs, 500);
  try {
    await waitFor(`namespace ${namespace}`, async () => {
      try {
        await connection.workflowService.describeNamespace({ namespace });
      } catch (error) {
        if ((error as { code?: number }).code !== 5) throw error; // gRPC NOT_FOUND: register it
        await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(RETENTION_DAYS * 24 * 3600_000) }).catch((registerError: { code?: number }) => {
          if (registerError.code !== 6) throw registerError; // ALREADY_EXISTS: another starter won
        });
        throw new Error('registered; waiting for the namespace cache');
      }
    }, timeoutMs, 500);
  } finally {
    await connection.close();
  }
}

export interface ScratchCluster {
  address: string;
  stop(): Promise<void>;
}

/**
 * A throw-away cluster for a benchmark or a test: fresh stores on `serverUrl`'s server, every
 * port free, `namespace` registered; stop() ends the server and drops the stores.
 */
export async function startScratchCluster(options: { serverUrl: string; namespace: string; frontendTls?: FrontendTls; log: (message: string) => void }): Promise<ScratchCluster> {
  const name = `temporal_scratch_${Date.now()}_${process.pid}`;
  const stores: ClusterStores = { serverUrl: options.serverUrl, history: name, visibility: `${name}_visibility` };
  const ports: ClusterPorts = {
    frontend: await freePort(), frontendHttp: await freePort(), history: await freePort(), matching: await freePort(), worker: await freePort(),
    membership: { frontend: await freePort(), history: await freePort(), matching: await freePort(), worker: await freePort() },
    metrics: await freePort(),
  };
  if (new Set(allClusterPorts(ports)).size < allClusterPorts(ports).length) return startScratchCluster(options);
  const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'temporal-cluster-'));
  await prepareClusterStores({ stores, log: options.log });
  const command = clusterServerCommand({ dataRoot, ports, stores, frontendTls: options.frontendTls, log: options.log });
  const address = `127.0.0.1:${ports.frontend}`;
  options.log(`starting Temporal's server on ${address} (stores ${stores.history}, ${stores.visibility})`);
  const logFd = openSync(command.logFile!, 'a');
  const child = spawn(command.command, command.args, { cwd: command.cwd, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    await stopChild(child, command.stopTimeoutMs!);
    await dropClusterStores(stores);
    rmSync(dataRoot, { recursive: true, force: true });
  };
  const died = exited.then(() => Promise.reject(new Error(`Temporal's server exited with code ${child.exitCode}; see ${command.logFile}`)));
  died.catch(() => undefined); // an exit after start-up is stop()'s
  try {
    const tls = options.frontendTls ? { serverRootCACertificate: readFileSync(options.frontendTls.caFile), serverNameOverride: options.frontendTls.serverName } : undefined;
    await Promise.race([ensureClusterNamespace(address, options.namespace, { tls }), died]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { address, stop };
}
