// For tests of a migration's backfill: a scratch database migrated up to just before the
// migration, rows written the old way, then the migration applied on its own.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listMigrations, migrate, MIGRATIONS_DIR } from '../../prisma/migrator';
import { createScratchDatabase, type ScratchDatabase } from './db';

export interface DatabaseBefore {
  db: ScratchDatabase;
  /** Applies the migration under test; answers the migrations applied. */
  applyMigration(): Promise<string[]>;
  drop(): Promise<void>;
}

export async function databaseBefore(migration: string, label: string): Promise<DatabaseBefore> {
  const db = await createScratchDatabase(label);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  for (const m of listMigrations().filter((m) => m.name < migration)) cpSync(path.join(MIGRATIONS_DIR, m.name), path.join(dir, m.name), { recursive: true });
  await migrate(db.url, { dir });
  return {
    db,
    applyMigration: async () => {
      cpSync(path.join(MIGRATIONS_DIR, migration), path.join(dir, migration), { recursive: true });
      return (await migrate(db.url, { dir })).applied;
    },
    drop: async () => {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
