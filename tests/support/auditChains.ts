// Helpers for the audit-trail tests: what a superuser can do behind the triggers, and the
// verification command run as a user would run it.
import { execFile } from 'node:child_process';
import pg from 'pg';
import { PROJECT_ROOT } from '../../config/env';
import type { ChainReport, VerifyAllReport } from '../../api/audit/verificationReport';
import { testDatabaseUrl, testSuperuserDatabaseUrl } from './db';

/** Runs SQL as the test database's superuser with triggers off (session_replication_role = replica), committed. */
export async function behindTheTriggers<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: testSuperuserDatabaseUrl() });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    const result = await client.query<T>(sql, params);
    await client.query('COMMIT');
    return result.rows;
  } finally {
    await client.end();
  }
}

/** An audit row exactly as stored (for putting it back after a test removed it). */
export async function auditRowJson(id: string): Promise<unknown> {
  const rows = await behindTheTriggers<{ row: unknown }>('SELECT row_to_json(e) AS row FROM "AuditEvent" e WHERE id = $1', [id]);
  return rows[0]!.row;
}

export async function restoreAuditRow(row: unknown): Promise<void> {
  await behindTheTriggers('INSERT INTO "AuditEvent" SELECT * FROM json_populate_record(NULL::"AuditEvent", $1::json)', [JSON.stringify(row)]);
}

export interface CommandRun<R> {
  code: number;
  report: R;
  stderr: string;
}

/** `npm run audit:verify -- <args>` against the test database. */
export function runVerifyCommand<R = ChainReport | VerifyAllReport>(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CommandRun<R>> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/audit/verify.ts', ...args], { cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: testDatabaseUrl(), ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      try {
        resolve({ code, report: JSON.parse(stdout) as R, stderr });
      } catch {
        reject(new Error(`audit:verify exited ${code} without a report: ${stderr}`));
      }
    });
  });
}
