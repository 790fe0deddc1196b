// A case carried through its lifecycle over HTTP leaves one unbroken chain; a superuser who
// changes or removes a row behind the triggers is caught, with the first broken link named,
// by GET /api/audit/verify and by `npm run audit:verify`.
import assert from 'node:assert/strict';
import type { BrokenLink, ChainReport, VerifyAllReport } from '../../api/audit/verificationReport';
import { AdminApiClient } from '../support/adminApi';
import { useApiStack } from '../support/apiStack';
import { auditRowJson, behindTheTriggers, restoreAuditRow, runVerifyCommand } from '../support/auditChains';
import { testPrisma } from '../support/db';
import { SOLVED, waitUntil } from '../support/petitions';

describe('audit chain: verification endpoint and command', () => {
  const stack = useApiStack();
  let api: AdminApiClient;
  let caseId: string;
  let eventCount: number;

  const verify = async (query: string, as: string | null = 'auditor') => api.get(`/api/audit/verify${query}`, as);
  const linkOf = (seq: number) => testPrisma().auditEvent.findUniqueOrThrow({ where: { chainKey_chainSeq: { chainKey: caseId, chainSeq: seq } } });

  before(async () => {
    api = new AdminApiClient(stack.api.url);
    await api.login('operator', 'dispatcher', 'handler', 'leader', 'auditor', 'admin');
    const registered = await api.post('/api/cases', { channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: '夜市占道', content: '解放路夜市占道经营，影响通行。', citizenPhone: '+8613955556666', address: '东湖区解放路1号' }, 'operator');
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    caseId = registered.body.caseId;
    const steps: [string, unknown, string][] = [
      ['dispatch', { leadUnitId: 'chengguan' }, 'dispatcher'],
      ['signFor', {}, 'handler'],
      ['submitResult', SOLVED, 'handler'],
      ['unitApprove', { comment: '同意' }, 'leader'],
    ];
    let seq = 0;
    for (const [command, body, user] of steps) {
      const response = await api.post(`/api/cases/${caseId}/commands/${command}`, body, user);
      assert.equal(response.status, 200, `${command}: ${JSON.stringify(response.body)}`);
      seq = response.body.seq;
    }
    eventCount = seq;
    await waitUntil(async () => (await testPrisma().auditEvent.count({ where: { caseId } })) === eventCount);
  });

  it('finds the lifecycle of a case as one unbroken chain, one link per event in order', async () => {
    const response = await verify(`?caseId=${caseId}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(response.body, { chainKey: caseId, rows: eventCount, ok: true, brokenLink: null });
    const rows = await testPrisma().auditEvent.findMany({ where: { caseId }, orderBy: { chainSeq: 'asc' } });
    assert.deepEqual(rows.map((r) => r.chainSeq), rows.map((r) => Number(r.idempotencyKey.split(':')[1])), 'the chain follows the events');
    assert.deepEqual(rows.map((r) => r.action).slice(0, 3), ['registered', 'dispatched', 'signedFor']);
    for (let i = 1; i < rows.length; i += 1) assert.equal(rows[i]!.prevHash, rows[i - 1]!.hash);
  });

  it('names the row whose payload a superuser changed behind the triggers, until it is put back', async () => {
    const target = await linkOf(3);
    await behindTheTriggers(`UPDATE "AuditEvent" SET payload = payload || '{"forged": "改"}' WHERE id = $1`, [target.id]);
    try {
      const expectedLink = { chainKey: caseId, chainSeq: 3, auditEventId: target.id.toString(), kind: 'hashMismatch', found: target.hash };
      const response = await verify(`?caseId=${caseId}`);
      assert.equal(response.status, 200);
      assert.equal(response.body.ok, false);
      const link = response.body.brokenLink as BrokenLink;
      assert.deepEqual({ ...link, expected: undefined }, { ...expectedLink, expected: undefined });
      assert.match(link.expected, /^[0-9a-f]{64}$/);
      assert.notEqual(link.expected, target.hash);

      const all = await verify('', 'admin');
      assert.equal(all.status, 200);
      assert.equal(all.body.ok, false);
      assert.deepEqual((all.body as VerifyAllReport).broken.find((l) => l.chainKey === caseId), link);

      const command = await runVerifyCommand<ChainReport>(['--case', caseId]);
      assert.equal(command.code, 1, 'the command exits non-zero on a broken chain');
      assert.deepEqual(command.report.brokenLink, link);
      const everything = await runVerifyCommand<VerifyAllReport>([]);
      assert.equal(everything.code, 1);
      assert.deepEqual(everything.report.broken.find((l) => l.chainKey === caseId), link);
    } finally {
      await behindTheTriggers(`UPDATE "AuditEvent" SET payload = payload - 'forged' WHERE id = $1`, [target.id]);
    }
    assert.equal((await verify(`?caseId=${caseId}`)).body.ok, true, 'the original row verifies again');
    const command = await runVerifyCommand<ChainReport>(['--case', caseId]);
    assert.deepEqual([command.code, command.report.ok], [0, true]);
  });

  it('names the gap a deleted row leaves, and a removed last row by the head', async () => {
    const middle = await linkOf(2);
    const saved = await auditRowJson(middle.id.toString());
    await behindTheTriggers('DELETE FROM "AuditEvent" WHERE id = $1', [middle.id]);
    try {
      const next = await linkOf(3);
      const expected = { chainKey: caseId, chainSeq: 2, auditEventId: next.id.toString(), kind: 'gap', expected: '2', found: '3' };
      assert.deepEqual((await verify(`?caseId=${caseId}`)).body.brokenLink, expected);
      const command = await runVerifyCommand<ChainReport>(['--case', caseId]);
      assert.deepEqual([command.code, command.report.brokenLink], [1, expected]);
    } finally {
      await restoreAuditRow(saved);
    }
    assert.equal((await verify(`?caseId=${caseId}`)).body.ok, true, 'the chain is whole again');

    const last = await linkOf(eventCount);
    const lastSaved = await auditRowJson(last.id.toString());
    await behindTheTriggers('DELETE FROM "AuditEvent" WHERE id = $1', [last.id]);
    try {
      const before = await linkOf(eventCount - 1);
      assert.deepEqual((await verify(`?caseId=${caseId}`)).body.brokenLink, {
        chainKey: caseId, chainSeq: eventCount, auditEventId: before.id.toString(), kind: 'headMismatch',
        expected: `${eventCount}:${last.hash}`, found: `${eventCount - 1}:${before.hash}`,
      });
    } finally {
      await restoreAuditRow(lastSaved);
    }
    assert.equal((await verify(`?caseId=${caseId}`)).body.ok, true);
  });

  it('answers auditors and admins only, and checks its query', async () => {
    assert.equal((await verify(`?caseId=${caseId}`, 'admin')).status, 200);
    const all = await verify('', 'auditor');
    assert.equal(all.status, 200);
    assert.ok(all.body.chains > 0 && all.body.rows >= eventCount);
    // Every writer so far in this test run (API routes, workflows, telephony …) left whole chains.
    assert.deepEqual(all.body.broken, []);
    assert.equal((await verify(`?caseId=${caseId}`, 'operator')).status, 403);
    assert.equal((await verify(`?caseId=${caseId}`, 'dispatcher')).status, 403);
    assert.equal((await verify(`?caseId=${caseId}`, null)).status, 401);
    const invalid = await verify('?caseId=abc');
    assert.deepEqual([invalid.status, Object.keys(invalid.body.error.fields)], [400, ['caseId']]);
    const both = await verify(`?caseId=${caseId}&chainKey=unit:xishan`);
    assert.deepEqual([both.status, Object.keys(both.body.error.fields)], [400, ['chainKey']]);
    assert.equal((await verify('?caseId=99999999999999')).status, 404);
    assert.equal((await verify('?chainKey=unit:no-such-unit')).status, 404);
  });

  it('verifies a chain without a case by its chainKey', async () => {
    // Reading the citizen's identity is audited outside the case's own chain.
    assert.equal((await api.get(`/api/cases/${caseId}`, 'dispatcher')).status, 200);
    const response = await verify(`?chainKey=${encodeURIComponent(`case:${caseId}`)}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.ok, true);
    assert.ok(response.body.rows >= 1);
  });
});
