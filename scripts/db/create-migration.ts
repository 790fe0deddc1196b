// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes the schema as
// committed (git HEAD, which the drift test keeps equal to the migrations) to the working
// schema.prisma, computed by Prisma's own schema engine (WebAssembly, offline).
//   npm run db:migration -- <name>            (--from-empty for the very first migration)
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadEnv, localDatabaseUrl, PROJECT_ROOT } from '../../config/env';
import { listMigrations, MIGRATIONS_DIR } from '../../prisma/migrator';
import { diffDatamodels } from '../../prisma/schemaEngine';
import { ensureDatabase, ensureLocalPostgres } from '../services/postgres';

function committedSchema(): string {
  return execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    throw new Error('usage: create-migration <name> [--from-empty]   (name: lower-case letters, digits and _)');
  }
  const fromEmpty = process.argv.includes('--from-empty');
  if (fromEmpty && listMigrations().length > 0) throw new Error('--from-empty is only for the first migration');
  const env = loadEnv();
  // The engine wants a live connection even for a datamodel-only diff.
  const pgServer = env.DATABASE_URL ? null : await ensureLocalPostgres({ dataRoot: env.DATA_DIR, port: env.LOCAL_PG_PORT, log: console.log });
  let sql: string;
  try {
    // The diff only needs a server to talk to: the local cluster's superuser, or the owner.
    const serverUrl = env.DATABASE_URL ? env.databaseOwnerUrl : localDatabaseUrl(env.LOCAL_PG_PORT);
    await ensureDatabase(serverUrl);
    sql = await diffDatamodels(serverUrl, fromEmpty ? null : committedSchema());
  } finally {
    if (pgServer?.startedHere) pgServer.stop();
  }
  if (sql === '') {
    console.log('schema.prisma has no change against git HEAD: nothing to write');
    return;
  }
  // Never before the newest migration (clocks differ between machines): migrations apply in name order.
  const newest = listMigrations().at(-1)?.name.slice(0, 14) ?? '';
  const now = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const stamp = now > newest ? now : String(BigInt(newest) + 1n);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'migration.sql'), sql);
  console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql — review it, then commit it with schema.prisma`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
