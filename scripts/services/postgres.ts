// A project-local PostgreSQL cluster (data under .data/postgres) for development and tests,
// used unless DATABASE_URL points at a server of your own. `npm start` runs its server in the
// foreground under a supervisor (postmasterCommand); test runs and scripts start it in the
// background with pg_ctl (ensureLocalPostgres).
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { localDatabaseUrl } from '../../config/env';
import { assertPortFree, waitFor } from '../lib/ports';
import type { ChildCommand } from '../lib/supervisor';
import { postgresBinDir } from '../lib/tools';

export interface LocalPostgres {
  dataDir: string;
  port: number;
  /** True when this call started the server (and so should stop it). */
  startedHere: boolean;
  stop(): void;
}

const DB_USER = 'hotline';
const isRoot = process.getuid?.() === 0;

/** initdb and postgres refuse to run as root: as root, run them as the `postgres` user. */
function pgCommand(binary: string, args: string[]): void {
  const file = path.join(postgresBinDir(), binary);
  if (isRoot) {
    execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { stdio: 'pipe' });
  } else {
    execFileSync(file, args, { stdio: 'pipe' });
  }
}

function postgresUserCanReach(dir: string): boolean {
  if (!isRoot) return true;
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-x', dir]);
    return true;
  } catch {
    return false;
  }
}

function postgresUser(): { uid: number; gid: number } {
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  };
}

function chownToPostgres(dir: string): void {
  const { uid, gid } = postgresUser();
  chownSync(dir, uid, gid);
}

function runningPid(dataDir: string): number | null {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

function clusterPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  return existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[3]) : null;
}

/**
 * The cluster's data folder under `dataRoot`, created (initdb) on first use. The `postgres`
 * user must be able to reach it; a clone under a private home (/root) is out of its reach, so
 * the cluster then lives in postgres' own home instead.
 */
export function prepareCluster(dataRoot: string, log: (message: string) => void): string {
  let dataDir = path.join(dataRoot, 'postgres');
  if (isRoot && !postgresUserCanReach(dataRoot)) {
    const fallback = path.join('/var/lib/postgresql', `hotline12345-${Buffer.from(dataRoot).toString('hex').slice(-16)}`);
    log(`postgres cannot reach ${dataRoot}; keeping the local cluster in ${fallback}`);
    dataDir = fallback;
  }
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`creating a PostgreSQL cluster in ${dataDir}`);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (isRoot) chownToPostgres(dataDir);
    pgCommand('initdb', ['-D', dataDir, '-A', 'trust', '-U', DB_USER, '-E', 'UTF8', '--locale=C.UTF-8']);
  }
  return dataDir;
}

/** The port of the cluster in `dataDir` if its server runs, else null. */
export function runningClusterPort(dataDir: string): number | null {
  return runningPid(dataDir) === null ? null : clusterPort(dataDir);
}

export function runsOnAnotherPortError(dataDir: string, runningPort: number): Error {
  return new Error(`the local PostgreSQL cluster already runs on port ${runningPort}; stop it (pg_ctl -D ${dataDir} stop) or set LOCAL_PG_PORT=${runningPort}`);
}

function serverOptions(dataDir: string, port: number): string[] {
  return ['-p', String(port), '-k', dataDir, '-c', 'listen_addresses=127.0.0.1'];
}

/**
 * The cluster's server in the foreground, for a supervisor (scripts/lib/supervisor.ts) to
 * watch and restart: as root it runs as the `postgres` user; SIGINT is its fast shutdown.
 */
export function postmasterCommand(dataDir: string, port: number): ChildCommand {
  return {
    command: path.join(postgresBinDir(), 'postgres'),
    args: ['-D', dataDir, ...serverOptions(dataDir, port)],
    cwd: dataDir,
    ...(isRoot ? postgresUser() : {}),
    logFile: path.join(dataDir, 'server.log'),
    stopSignal: 'SIGINT',
    stopTimeoutMs: 60_000,
  };
}

/** Creates (first time) and starts the local cluster in the background (pg_ctl); idempotent when it already runs. */
export async function ensureLocalPostgres(options: {
  dataRoot: string;
  port: number;
  log: (message: string) => void;
  /** Use the cluster wherever it already runs (tests) instead of insisting on `port`. */
  acceptRunningPort?: boolean;
}): Promise<LocalPostgres> {
  const dataDir = prepareCluster(options.dataRoot, options.log);
  const stop = () => {
    if (runningPid(dataDir) !== null) pgCommand('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
  };

  const port = runningClusterPort(dataDir);
  if (port !== null) {
    if (port !== options.port && options.acceptRunningPort) {
      await waitUntilReady(port);
      return { dataDir, port, startedHere: false, stop };
    }
    if (port !== options.port) throw runsOnAnotherPortError(dataDir, port);
    await waitUntilReady(options.port);
    return { dataDir, port: options.port, startedHere: false, stop };
  }

  await assertPortFree(options.port, 'LOCAL_PG_PORT', 'local PostgreSQL');
  options.log(`starting PostgreSQL on 127.0.0.1:${options.port}`);
  pgCommand('pg_ctl', ['-D', dataDir, '-w', '-t', '60', '-l', path.join(dataDir, 'server.log'), '-o', serverOptions(dataDir, options.port).join(' '), 'start']);
  await waitUntilReady(options.port);
  return { dataDir, port: options.port, startedHere: true, stop };
}

/** Waits until the server on `port` takes connections. */
export async function waitUntilReady(port: number, timeoutMs = 30_000): Promise<void> {
  await waitFor('PostgreSQL', async () => {
    const client = new pg.Client({ connectionString: localDatabaseUrl(port, 'postgres') });
    await client.connect();
    await client.end();
  }, timeoutMs);
}

/** Runs `work` on the server's `postgres` database, with the name of the one in `databaseUrl`. */
async function onServerOf<T>(databaseUrl: string, work: (client: pg.Client, name: string) => Promise<T>): Promise<T> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client, name);
  } finally {
    await client.end();
  }
}

/** Creates the database named in `databaseUrl` when it does not exist yet (owned by `owner` if given). */
export async function ensureDatabase(databaseUrl: string, owner?: string): Promise<void> {
  await onServerOf(databaseUrl, async (client, name) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${owner ? ` OWNER ${pg.escapeIdentifier(owner)}` : ''}`);
  });
}

/**
 * Creates `copyUrl`'s database as a copy of `sourceUrl`'s (PostgreSQL's template copy: fast,
 * but the source must have no other connection while it runs).
 */
export async function copyDatabase(sourceUrl: string, copyUrl: string, owner?: string): Promise<void> {
  const source = decodeURIComponent(new URL(sourceUrl).pathname.slice(1));
  await onServerOf(copyUrl, async (client, name) => {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${owner ? ` OWNER ${pg.escapeIdentifier(owner)}` : ''} TEMPLATE ${pg.escapeIdentifier(source)}`);
  });
}

/** The databases on `serverUrl`'s server whose names start with `prefix`. */
export async function databasesNamed(serverUrl: string, prefix: string): Promise<string[]> {
  return onServerOf(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
    return rows.map((row) => row.datname);
  });
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  await onServerOf(databaseUrl, async (client, name) => {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  });
}
