// Many transactions appending to one chain at once, each holding its insert open for a while:
// under READ COMMITTED a trigger reading "the latest row" would give two of them the same
// chainSeq. The head row serialises them, so the chain comes out whole.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { verifyAllChains, verifyChain } from '../../api/audit/verifyChain';
import { testDatabaseUrl, testPrisma } from '../support/db';

const TRANSACTIONS = 40;
const ROWS_EACH = 3;

describe('audit chain: concurrent writers', () => {
  let pool: pg.Pool;

  before(() => {
    pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 20 });
  });

  after(async () => {
    await pool?.end();
  });

  /** One transaction writing ROWS_EACH rows of the chain with pauses between them. */
  const writer = async (entityId: string, n: number): Promise<void> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      for (let i = 0; i < ROWS_EACH; i += 1) {
        await client.query(
          `INSERT INTO "AuditEvent" ("idempotencyKey", "entityType", "entityId", action, payload, "occurredAt") VALUES ($1, 'concurrencyTest', $2, 'written', $3, now())`,
          [`concurrencyTest:${entityId}:${n}:${i}`, entityId, JSON.stringify({ writer: n, row: i })],
        );
        await client.query('SELECT pg_sleep(0.002)');
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };

  it('gives every row of parallel transactions its own link, starting on a chain that has no head yet', async () => {
    const entityId = randomUUID();
    await Promise.all(Array.from({ length: TRANSACTIONS }, (_, n) => writer(entityId, n)));

    const rows = await testPrisma().auditEvent.findMany({ where: { chainKey: `concurrencyTest:${entityId}` }, orderBy: { chainSeq: 'asc' }, select: { chainSeq: true, payload: true } });
    assert.deepEqual(rows.map((r) => r.chainSeq), Array.from({ length: TRANSACTIONS * ROWS_EACH }, (_, i) => i + 1));
    // One transaction's rows stay together: the head is locked until it commits.
    for (let i = 0; i < rows.length; i += ROWS_EACH) {
      const writers = new Set(rows.slice(i, i + ROWS_EACH).map((r) => (r.payload as { writer: number }).writer));
      assert.equal(writers.size, 1, `rows ${i + 1}..${i + ROWS_EACH} come from one transaction`);
    }
    assert.deepEqual(await verifyChain(testPrisma(), `concurrencyTest:${entityId}`), { chainKey: `concurrencyTest:${entityId}`, rows: TRANSACTIONS * ROWS_EACH, ok: true, brokenLink: null });
  });

  it('keeps separate chains written in parallel valid, checked in small batches across chains', async () => {
    const chains = Array.from({ length: 5 }, () => randomUUID());
    await Promise.all(chains.flatMap((entityId) => Array.from({ length: 6 }, (_, n) => writer(entityId, n))));
    for (const entityId of chains) assert.equal((await verifyChain(testPrisma(), `concurrencyTest:${entityId}`, { batchSize: 7 })).ok, true);
    const all = await verifyAllChains(testPrisma(), { batchSize: 7 });
    assert.ok(all.rows >= chains.length * 6 * ROWS_EACH);
    assert.deepEqual(all.broken.filter((link) => link.chainKey.startsWith('concurrencyTest:')), []);
  });
});
