// The audit trail is append-only in the database itself: the application's UPDATE, DELETE and
// TRUNCATE fail with the trigger's error, the chain heads move only with an insert, and a city's
// non-owner role (docs/audit.md) cannot even switch the triggers off.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { verifyChain } from '../../api/audit/verifyChain';
import { insertProjectedCase } from '../support/cases';
import { testPrisma, testSuperuserDatabaseUrl } from '../support/db';

const APPEND_ONLY = /the audit trail is append-only/;

/** One audit row of a fresh chain of its own. */
async function auditRow(entityId = randomUUID(), key = randomUUID()) {
  return testPrisma().auditEvent.create({
    data: { idempotencyKey: `appendOnlyTest:${key}`, entityType: 'appendOnlyTest', entityId, action: 'probed', payload: { n: 1 }, occurredAt: new Date() },
  });
}

/** Runs statements in one transaction that is rolled back whatever happens. */
async function inRolledBackTransaction(run: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: testSuperuserDatabaseUrl() });
  await client.connect();
  try {
    await client.query('BEGIN');
    await run(client);
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    await client.end();
  }
}

describe('audit trail: append-only in the database', () => {
  it('refuses the application UPDATE and DELETE of an audit row (no grant), and the trigger refuses them to every other role', async () => {
    const row = await auditRow();
    const NO_GRANT = /permission denied/;
    await assert.rejects(testPrisma().auditEvent.update({ where: { id: row.id }, data: { reason: '改写' } }), NO_GRANT);
    await assert.rejects(testPrisma().auditEvent.updateMany({ where: { id: row.id }, data: { payload: { n: 2 } } }), NO_GRANT);
    await assert.rejects(testPrisma().auditEvent.delete({ where: { id: row.id } }), NO_GRANT);
    await assert.rejects(testPrisma().auditEvent.deleteMany({ where: { entityId: row.entityId } }), NO_GRANT);
    await inRolledBackTransaction(async (client) => {
      await assert.rejects(client.query('UPDATE "AuditEvent" SET reason = $2 WHERE id = $1', [row.id, '改写']), APPEND_ONLY);
    });
    await inRolledBackTransaction(async (client) => {
      await assert.rejects(client.query('DELETE FROM "AuditEvent" WHERE id = $1', [row.id]), APPEND_ONLY);
    });
    assert.deepEqual(await testPrisma().auditEvent.findUniqueOrThrow({ where: { id: row.id } }), row);
  });

  it('refuses TRUNCATE of the trail and of the chain heads', async () => {
    await inRolledBackTransaction(async (client) => {
      await assert.rejects(client.query('TRUNCATE "AuditEvent"'), /append-only: TRUNCATE on "AuditEvent"/);
    });
    await inRolledBackTransaction(async (client) => {
      await assert.rejects(client.query('TRUNCATE "AuditChainHead"'), /append-only: TRUNCATE on "AuditChainHead"/);
    });
    assert.ok((await testPrisma().auditEvent.count()) > 0);
  });

  it('moves a chain head only with an inserted row', async () => {
    const row = await auditRow();
    await assert.rejects(testPrisma().auditChainHead.update({ where: { chainKey: row.chainKey }, data: { seq: 9 } }), /permission denied/);
    await inRolledBackTransaction(async (client) => {
      await assert.rejects(client.query('UPDATE "AuditChainHead" SET seq = 9 WHERE "chainKey" = $1', [row.chainKey]), APPEND_ONLY);
    });
    await inRolledBackTransaction(async (client) => {
      await assert.rejects(client.query('DELETE FROM "AuditChainHead" WHERE "chainKey" = $1', [row.chainKey]), APPEND_ONLY);
    });
    assert.deepEqual(await testPrisma().auditChainHead.findUniqueOrThrow({ where: { chainKey: row.chainKey } }), { chainKey: row.chainKey, seq: 1, hash: row.hash });
  });

  it('sets the chain fields itself, whatever the writer sends', async () => {
    const entityId = randomUUID();
    const first = await auditRow(entityId);
    const forged = await testPrisma().auditEvent.create({
      data: { idempotencyKey: `appendOnlyTest:${randomUUID()}`, entityType: 'appendOnlyTest', entityId, action: 'probed', occurredAt: new Date(), chainKey: 'elsewhere', chainSeq: 99, prevHash: 'f'.repeat(64), hash: 'e'.repeat(64) },
    });
    assert.deepEqual([forged.chainKey, forged.chainSeq, forged.prevHash], [`appendOnlyTest:${entityId}`, 2, first.hash]);
    assert.match(forged.hash, /^[0-9a-f]{64}$/);
    assert.equal((await verifyChain(testPrisma(), forged.chainKey)).ok, true);
  });

  it('leaves no gap when a retried batch skips rows already written (ON CONFLICT DO NOTHING)', async () => {
    const entityId = randomUUID();
    const rows = (keys: string[]) => keys.map((key) => ({ idempotencyKey: `appendOnlyTest:${entityId}:${key}`, entityType: 'appendOnlyTest', entityId, action: key, occurredAt: new Date() }));
    await testPrisma().auditEvent.createMany({ data: rows(['1', '2']), skipDuplicates: true });
    await testPrisma().auditEvent.createMany({ data: rows(['1', '2', '3']), skipDuplicates: true });
    await assert.rejects(testPrisma().auditEvent.create({ data: rows(['3'])[0]! }), /Unique constraint|unique/i);
    const chain = await testPrisma().auditEvent.findMany({ where: { entityId }, orderBy: { chainSeq: 'asc' } });
    assert.deepEqual(chain.map((r) => [r.action, r.chainSeq]), [['1', 1], ['2', 2], ['3', 3]]);
    assert.deepEqual(await verifyChain(testPrisma(), `appendOnlyTest:${entityId}`), { chainKey: `appendOnlyTest:${entityId}`, rows: 3, ok: true, brokenLink: null });
  });

  it('keeps a case that has audit rows from being deleted', async () => {
    const caseId = await insertProjectedCase(testPrisma());
    await testPrisma().auditEvent.create({ data: { idempotencyKey: `${caseId}:1`, caseId, entityType: 'case', entityId: caseId, action: 'registered', occurredAt: new Date() } });
    await assert.rejects(testPrisma().case.delete({ where: { id: caseId } }), /foreign key|Foreign key/i);
    assert.equal(await testPrisma().auditEvent.count({ where: { caseId } }), 1);
  });

  describe("a city's application role without ownership (docs/audit.md)", () => {
    const role = `hotline_app_test_${randomBytes(4).toString('hex')}`;
    let owner: pg.Client;
    let app: pg.Client;

    before(async () => {
      owner = new pg.Client({ connectionString: testSuperuserDatabaseUrl() });
      await owner.connect();
      // The GRANT list of docs/audit.md, word for word.
      await owner.query(`CREATE ROLE ${role} NOLOGIN`);
      await owner.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
      await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
      await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
      await owner.query(`REVOKE UPDATE, DELETE ON "AuditEvent" FROM ${role}`);
      await owner.query(`REVOKE INSERT, UPDATE, DELETE ON "AuditChainHead" FROM ${role}`);
      app = new pg.Client({ connectionString: testSuperuserDatabaseUrl() });
      await app.connect();
      await app.query(`SET ROLE ${role}`);
    });

    after(async () => {
      await app?.end();
      await owner?.query(`DROP OWNED BY ${role}`);
      await owner?.query(`DROP ROLE ${role}`);
      await owner?.end();
    });

    it('inserts audit rows (the chain moves) and reads them', async () => {
      const entityId = randomUUID();
      const insert = `INSERT INTO "AuditEvent" ("idempotencyKey", "entityType", "entityId", action, "occurredAt") VALUES ($1, 'appendOnlyTest', $2, 'byAppRole', now()) RETURNING "chainSeq"`;
      assert.equal((await app.query(insert, [`appendOnlyTest:${randomUUID()}`, entityId])).rows[0].chainSeq, 1);
      assert.equal((await app.query(insert, [`appendOnlyTest:${randomUUID()}`, entityId])).rows[0].chainSeq, 2);
      assert.equal((await verifyChain(testPrisma(), `appendOnlyTest:${entityId}`)).ok, true);
    });

    it('cannot change, remove, or switch off the protection of audit rows', async () => {
      const row = await auditRow();
      await assert.rejects(app.query('UPDATE "AuditEvent" SET reason = $2 WHERE id = $1', [row.id, 'x']), /permission denied/);
      await assert.rejects(app.query('DELETE FROM "AuditEvent" WHERE id = $1', [row.id]), /permission denied/);
      await assert.rejects(app.query('TRUNCATE "AuditEvent"'), /permission denied/);
      await assert.rejects(app.query('UPDATE "AuditChainHead" SET seq = 0 WHERE "chainKey" = $1', [row.chainKey]), /permission denied/);
      await assert.rejects(app.query('ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL'), /must be owner/);
      await assert.rejects(app.query('SET session_replication_role = replica'), /permission denied/);
      assert.equal((await verifyChain(testPrisma(), row.chainKey)).ok, true);
    });
  });
});
