import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listMigrations, migrate, MIGRATIONS_DIR } from '../../prisma/migrator';
import { createScratchDatabase, type ScratchDatabase } from '../support/db';

describe('migrator', () => {
  let db: ScratchDatabase;
  let dir: string;

  beforeEach(async () => {
    db = await createScratchDatabase('migrator');
    dir = mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  });

  afterEach(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies every migration once and records it the way Prisma does', async () => {
    const first = await migrate(db.url, { dir });
    assert.deepEqual(first.applied, listMigrations(dir).map((m) => m.name));
    const rows = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; rolled_back_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    const init = listMigrations(dir)[0]!;
    assert.equal(rows[0]!.migration_name, init.name);
    assert.equal(rows[0]!.checksum, createHash('sha256').update(readFileSync(path.join(dir, init.name, 'migration.sql'))).digest('hex'));
    assert.ok(rows[0]!.finished_at instanceof Date);
    assert.equal(rows[0]!.applied_steps_count, 1);
    assert.equal(rows[0]!.rolled_back_at, null);

    const second = await migrate(db.url, { dir });
    assert.deepEqual(second.applied, []);
    assert.equal(second.alreadyApplied, rows.length);
  });

  it('applies a new migration and leaves nothing behind when one fails', async () => {
    await migrate(db.url, { dir });
    mkdirSync(path.join(dir, '99990101000000_good'));
    writeFileSync(path.join(dir, '99990101000000_good', 'migration.sql'), 'CREATE TABLE "Probe" ("id" TEXT PRIMARY KEY);');
    mkdirSync(path.join(dir, '99990102000000_bad'));
    writeFileSync(path.join(dir, '99990102000000_bad', 'migration.sql'), 'ALTER TABLE "Probe" ADD COLUMN "x" TEXT;\nSELECT no_such_function();');

    await assert.rejects(migrate(db.url, { dir }), /99990102000000_bad failed/);
    const applied = (await db.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations"')).map((r) => r.migration_name);
    assert.ok(applied.includes('99990101000000_good'));
    assert.ok(!applied.includes('99990102000000_bad'), 'a failed migration is not recorded');
    const columns = await db.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'Probe'");
    assert.deepEqual(columns.map((c) => c.column_name), ['id'], 'the failed migration changed nothing');
  });

  it('refuses a migration edited after it was applied', async () => {
    await migrate(db.url, { dir });
    const init = listMigrations(dir)[0]!;
    writeFileSync(path.join(dir, init.name, 'migration.sql'), `${init.sql}\n-- edited\n`);
    await assert.rejects(migrate(db.url, { dir }), /was edited after it was applied/);
  });

  it('refuses a database with a migration the folder does not have', async () => {
    await migrate(db.url, { dir });
    const init = listMigrations(dir)[0]!;
    rmSync(path.join(dir, init.name), { recursive: true });
    await assert.rejects(migrate(db.url, { dir }), /missing from/);
  });
});
