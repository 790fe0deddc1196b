// The canonical form is written twice, in PL/pgSQL (the trigger) and in TypeScript (the
// verification): both must give the same bytes, or every honest row would look tampered with.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { auditRowHash, canonicalAuditRow, canonicalJson, parseJsonKeepingNumbers, plainDecimal } from '../../api/audit/canonical';
import { testDatabaseUrl, testPrisma } from '../support/db';

const TRICKY_PAYLOADS: Record<string, unknown> = {
  chinese: { 诉求: '解放路夜市占道经营，影响通行。', 回复: '已劝离 «摊贩»，“明日复查”', emoji: '🚧' },
  nested: { result: { attachmentIds: ['a1', 'a2'], resolved: true, handler: { name: '张三', unit: { id: 'chengguan', level: 2 } } }, list: [[], {}, [1, [2, [3]]]] },
  nulls: { a: null, b: [null, null], c: { d: null }, e: '' },
  // jsonb orders keys by byte length, then bytes: "中" (3 bytes) after "ab" and "a b" (0xE4 > 0x61), "B" before "a".
  keyOrder: { zz: 1, a: 2, B: 3, 中: 4, ab: 5, aa: 6, '': 7, 'a b': 8 },
  numbers: { int: 42, negative: -7, float: 0.1, tiny: 1.5e-7, huge: 1e21, big: 12345678901234567000, zero: -0, pi: 3.141592653589793 },
  escapes: { quote: 'say "hi"', backslash: 'C:\\temp', controls: '\b\f\n\r\t\u0001\u001f', slash: '</script>', lineSeparator: '\u2028' },
  topLevelArray: [3, 'three', { three: 3 }],
  empty: {},
};

describe('audit chain: canonical form in TypeScript and in PostgreSQL', () => {
  let pool: pg.Pool;
  const chain = `auditProbe:${randomUUID()}`;

  before(async () => {
    pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
    const [entityType, entityId] = chain.split(':') as [string, string];
    for (const [name, payload] of Object.entries(TRICKY_PAYLOADS)) {
      await testPrisma().auditEvent.create({
        data: {
          idempotencyKey: `${chain}:${name}`, entityType, entityId, action: name, actorId: 'user-admin', actorRole: 'admin,auditor', actorUnitId: 'hotline',
          reason: name === 'chinese' ? '市民来电：“请尽快处理”\n第二行' : null, payload: payload as never, occurredAt: new Date('2026-11-23T08:09:10.987Z'),
        },
      });
    }
  });

  after(async () => {
    await pool?.end();
  });

  const storedRows = async () =>
    (
      await pool.query(
        `SELECT e.*, e.id::text AS id, e.payload::text AS "payloadText", audit_event_canonical(e) AS canonical FROM "AuditEvent" e WHERE "chainKey" = $1 ORDER BY "chainSeq"`,
        [chain],
      )
    ).rows;

  it('writes each row with the bytes of the trigger and recomputes its hash', async () => {
    const rows = await storedRows();
    assert.deepEqual(rows.map((r) => r.action), Object.keys(TRICKY_PAYLOADS));
    for (const row of rows) {
      const link = { ...row, payload: parseJsonKeepingNumbers(row.payloadText) };
      assert.equal(canonicalAuditRow(link), row.canonical, `canonical form of ${row.action}`);
      assert.equal(auditRowHash(link), row.hash, `hash of ${row.action}`);
    }
  });

  it('prints a payload as it was sent exactly as jsonb prints it', async () => {
    const rows = await storedRows();
    for (const row of rows) assert.equal(canonicalJson(TRICKY_PAYLOADS[row.action]), row.payloadText, `payload ${row.action}`);
    assert.equal(rows.find((r) => r.action === 'keyOrder')!.payloadText, '{"": 7, "B": 3, "a": 2, "aa": 6, "ab": 5, "zz": 1, "a b": 8, "中": 4}');
  });

  it('prints numbers as numeric does, keeping the digits a float would lose', async () => {
    const literals = ['1.50', '1.5e-7', '1E21', '-1.25e+2', '0.5e1', '12e-1', '100', '-0', '123456789012345678901234567890.000', '5e-20'];
    for (const literal of literals) {
      const { rows } = await pool.query<{ text: string }>('SELECT $1::jsonb::text AS text', [literal]);
      assert.equal(plainDecimal(literal), rows[0]!.text, literal);
      assert.equal(canonicalJson(parseJsonKeepingNumbers(literal)), rows[0]!.text, literal);
    }
  });
});
