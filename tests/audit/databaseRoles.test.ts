// The roles the product runs as (docs/security.md, "Database roles"): the test run sets the
// database up the way `npm start` does, so DATABASE_URL here is the role the API and worker
// connect with. As that role, the audit trail cannot be changed, removed or unprotected; the
// owner migrates; a database made before the two roles is handed over; and in production the
// API refuses to start as a role that could rewrite the trail.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { LOCAL_ROLES, loadEnv, PROJECT_ROOT } from '../../config/env';
import { asRole, checkApplicationRole, roleOf, transferOwnership } from '../../prisma/databaseRoles';
import { migrate } from '../../prisma/migrator';
import { freePort } from '../../scripts/lib/ports';
import { createScratchDatabase, testDatabaseUrl, testOwnerDatabaseUrl, testPrisma } from '../support/db';

async function connectedAs(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

async function auditRow(client: pg.Client, entityId = randomUUID()) {
  const { rows } = await client.query<{ id: string; chainKey: string }>(
    `INSERT INTO "AuditEvent" ("idempotencyKey", "entityType", "entityId", action, "occurredAt") VALUES ($1, 'roleTest', $2, 'probed', now()) RETURNING id, "chainKey"`,
    [`roleTest:${randomUUID()}`, entityId],
  );
  return rows[0]!;
}

describe('database roles: what the API and worker connect as', () => {
  let app: pg.Client;
  before(async () => {
    app = await connectedAs(testDatabaseUrl());
  });
  after(() => app?.end());

  it('is the application role of `npm start`, neither superuser nor owner, distinct from the migrating owner', async () => {
    const local = loadEnv({ LOCAL_PG_PORT: '5432' });
    assert.equal(roleOf(local.databaseUrl), LOCAL_ROLES.app);
    assert.equal(roleOf(local.databaseOwnerUrl), LOCAL_ROLES.owner);
    assert.equal(roleOf(testDatabaseUrl()), LOCAL_ROLES.app);
    const check = await checkApplicationRole(async (sql) => (await app.query(sql)).rows);
    assert.deepEqual(check, { role: LOCAL_ROLES.app, problems: [] });
    const { rows } = await app.query(`SELECT tableowner FROM pg_tables WHERE tablename = 'AuditEvent'`);
    assert.equal(rows[0].tableowner, LOCAL_ROLES.owner);
  });

  it('writes and reads audit rows (the chain moves), and reads and writes the data', async () => {
    const entityId = randomUUID();
    await auditRow(app, entityId);
    const second = await app.query(`INSERT INTO "AuditEvent" ("idempotencyKey", "entityType", "entityId", action, "occurredAt") VALUES ($1, 'roleTest', $2, 'probed', now()) RETURNING "chainSeq"`, [`roleTest:${randomUUID()}`, entityId]);
    assert.equal(second.rows[0].chainSeq, 2);
    assert.ok((await testPrisma().case.count()) >= 0);
  });

  it('cannot DELETE, UPDATE or TRUNCATE audit rows, move a chain head, or switch the triggers off', async () => {
    const row = await auditRow(app);
    await assert.rejects(app.query('DELETE FROM "AuditEvent"'), /permission denied/);
    await assert.rejects(app.query('DELETE FROM "AuditEvent" WHERE id = $1', [row.id]), /permission denied/);
    await assert.rejects(app.query('UPDATE "AuditEvent" SET reason = $2 WHERE id = $1', [row.id, 'rewritten']), /permission denied/);
    await assert.rejects(app.query('TRUNCATE "AuditEvent"'), /permission denied/);
    await assert.rejects(app.query('UPDATE "AuditChainHead" SET seq = 0 WHERE "chainKey" = $1', [row.chainKey]), /permission denied/);
    await assert.rejects(app.query('ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL'), /must be owner/);
    await assert.rejects(app.query('ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"'), /must be owner/);
    await assert.rejects(app.query('DROP TRIGGER "AuditEvent_append_only" ON "AuditEvent"'), /must be owner/);
    await assert.rejects(app.query('SET session_replication_role = replica'), /permission denied/);
    await assert.rejects(app.query('CREATE TRIGGER sneaky BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION audit_event_chain()'), /permission denied|must be owner/);
    // Nor put a table of its own in the schema the application resolves names in.
    await assert.rejects(app.query('CREATE TABLE "AuditEventShadow" (id int)'), /permission denied/);
    await assert.rejects(app.query('TRUNCATE "Case"'), /permission denied/);
    const { rows } = await app.query('SELECT count(*)::int AS n FROM "AuditEvent" WHERE id = $1', [row.id]);
    assert.equal(rows[0].n, 1);
  });

  it('lets the owner migrate, and the migration grants the application its rights on new tables', async () => {
    const owner = await connectedAs(testOwnerDatabaseUrl());
    try {
      const { rows } = await owner.query(`SELECT has_table_privilege('${LOCAL_ROLES.app}', '"RuleSetting"', 'UPDATE') AS update, has_table_privilege('${LOCAL_ROLES.app}', '"AuditEvent"', 'UPDATE') AS audit`);
      assert.deepEqual(rows[0], { update: true, audit: false });
    } finally {
      await owner.end();
    }
  });
});

describe('database roles: a database made before the two roles', () => {
  it('is handed to the owner, then migrates as the owner and serves the application role', async () => {
    const scratch = await createScratchDatabase('roles');
    try {
      // The old way: everything migrated and owned by the superuser.
      await migrate(scratch.url);
      assert.equal(await transferOwnership(scratch.url, LOCAL_ROLES.owner), true);
      assert.equal(await transferOwnership(scratch.url, LOCAL_ROLES.owner), false, 'a second call has nothing to do');
      const owners = await scratch.query<{ owner: string }>(`SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'public'`);
      assert.deepEqual(owners.map((row) => row.owner), [LOCAL_ROLES.owner]);
      const result = await migrate(asRole(scratch.url, LOCAL_ROLES.owner), { appRole: LOCAL_ROLES.app });
      assert.deepEqual(result.applied, []);
      const app = await connectedAs(asRole(scratch.url, LOCAL_ROLES.app));
      try {
        const row = await auditRow(app);
        await assert.rejects(app.query('DELETE FROM "AuditEvent" WHERE id = $1', [row.id]), /permission denied/);
        await assert.rejects(app.query('ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL'), /must be owner/);
      } finally {
        await app.end();
      }
    } finally {
      await scratch.drop();
    }
  });
});

describe('database roles: start-up in production', () => {
  it('refuses to start the API as a role that owns the audit trail, naming what is wrong', async function () {
    this.timeout(60_000);
    const run = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: testOwnerDatabaseUrl(),
        API_PORT: String(await freePort()),
        PUBLIC_BASE_URL: 'https://12345.example.gov.cn',
        JWT_SECRET: 'x'.repeat(40),
        PUBLIC_LINK_SECRET: 'y'.repeat(40),
        TWILIO_AUTH_TOKEN: 'z'.repeat(32),
        TWILIO_API_BASE_URL: 'http://127.0.0.1:9',
        AUDIT_CHECKPOINT_KEY: 'MC4CAQAwBQYDK2VwBCIEIPb7lmKsaWc7mTGqI3F8SC6+y8p3W9LbBZ0oGqk9bD0G',
        TEMPORAL_PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
      },
    });
    let stderr = '';
    run.stderr.on('data', (chunk) => (stderr += chunk));
    run.stdout.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => run.on('exit', resolve));
    assert.notEqual(code, 0);
    assert.match(stderr, /refusing to start: the database role hotline_owner owns .*audit table/);
  });
});
