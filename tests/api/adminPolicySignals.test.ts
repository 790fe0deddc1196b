// Accepted policy and setting changes tell open cases (rulesChanged): new clocks use the new
// limit, a running clock keeps the one it started with. Real workflows on the dev server.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { testPrisma } from '../support/db';
import { useApiStack } from '../support/apiStack';
import { AdminApiClient } from '../support/adminApi';
import { waitUntil } from '../support/petitions';
import { settledRulesBroadcast } from '../support/rulesBroadcast';

describe('admin API: policy and setting changes reach open cases', () => {
  const stack = useApiStack();
  let api: AdminApiClient;

  before(async () => {
    api = new AdminApiClient(stack.api.url);
    await api.login('admin', 'operator', 'dispatcher', 'donghu');
  });

  after(async () => {
    // Other test files expect the seeded values.
    const prisma = testPrisma();
    await prisma.deadlinePolicy.update({ where: { id: 'handle-help' }, data: { amount: 5, updatedById: null } });
    await prisma.ruleSetting.update({ where: { key: 'extension.maxTotalWorkingDays' }, data: { value: 10 } });
    await prisma.ruleSetting.update({ where: { key: 'duplicate.windowDays' }, data: { value: 30 } });
  });

  /** A help request (求助) dispatched to 东湖区; answers with its projected handling deadline. */
  const dispatchedHelpRequest = async () => {
    const phone = `+86139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
    const registered = await api.post('/api/cases', { channel: 'phone', caseTypeCode: 'help', title: '独居老人求助', content: '家中水管爆裂，请求帮助联系维修。', citizenPhone: phone }, 'operator');
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const caseId: string = registered.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    const dispatched = await api.post(`/api/cases/${caseId}/commands/dispatch`, { leadUnitId: 'donghu' }, 'dispatcher');
    assert.equal(dispatched.status, 200, JSON.stringify(dispatched.body));
    await waitUntil(async () => (await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).handleDueAt !== null);
    return { caseId, handleDueAt: (await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).handleDueAt! };
  };

  it('a policy change is signalled: a running clock keeps its limit, clocks started afterwards (new or open cases) take the new one', async () => {
    const first = await dispatchedHelpRequest();
    const changed = await api.put('/api/policies/handle-help', { amount: 3, reason: '求助类办结时限压缩为3个工作日' }, 'admin');
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.amount, 3);
    const progress = await settledRulesBroadcast(stack.api.url, api.token('admin'), changed.body.rulesBroadcast);
    assert.ok(progress.told >= 1, `open cases told: ${progress.told}`);

    // The broadcast has signalled the case: the urge is applied after the signal in the case's history, so its answer comes after the reload.
    assert.equal((await api.post(`/api/cases/${first.caseId}/commands/urge`, { reason: '请尽快处理' }, 'dispatcher')).status, 200);
    const history = (await api.get(`/api/cases/${first.caseId}/history`, 'dispatcher')).body.map((e: { action: string }) => e.action);
    assert.ok(!history.includes('deadlinesRecomputed'), history.join(', '));
    assert.deepEqual((await testPrisma().case.findUniqueOrThrow({ where: { id: first.caseId } })).handleDueAt, first.handleDueAt);

    const second = await dispatchedHelpRequest();
    assert.ok(second.handleDueAt < first.handleDueAt, `3 working days (${second.handleDueAt.toISOString()}) end before 5 (${first.handleDueAt.toISOString()})`);

    // Re-dispatching the open case starts a new handling clock: it gets the new limit too.
    assert.equal((await api.post(`/api/cases/${first.caseId}/commands/requestReturn`, { reason: '不属于本区职责' }, 'donghu')).status, 200);
    const redispatched = await api.post(`/api/cases/${first.caseId}/commands/decideReturn`, { approve: true, reason: '改派城管局', redispatch: { leadUnitId: 'chengguan' } }, 'dispatcher');
    assert.equal(redispatched.status, 200, JSON.stringify(redispatched.body));
    await waitUntil(async () => (await testPrisma().case.findUniqueOrThrow({ where: { id: first.caseId } })).leadUnitId === 'chengguan');
    assert.deepEqual((await testPrisma().case.findUniqueOrThrow({ where: { id: first.caseId } })).handleDueAt, second.handleDueAt);

    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'deadlinePolicy', entityId: 'handle-help' }, orderBy: { id: 'desc' } });
    const payload = audit.payload as { before: { amount: number }; after: { amount: number }; changed: string[] };
    assert.deepEqual([audit.action, audit.reason, payload.before.amount, payload.after.amount, payload.changed], ['policyUpdated', '求助类办结时限压缩为3个工作日', 5, 3, ['amount']]);
  });

  it('a setting the workflow reads is signalled; one it does not read is not', async () => {
    const cap = await api.put('/api/rule-settings/extension.maxTotalWorkingDays', { value: 12, reason: '延期上限调整' }, 'admin');
    assert.equal(cap.status, 200, JSON.stringify(cap.body));
    assert.equal(cap.body.value, 12);
    assert.ok((await settledRulesBroadcast(stack.api.url, api.token('admin'), cap.body.rulesBroadcast)).told >= 1);
    const window = await api.put('/api/rule-settings/duplicate.windowDays', { value: 20 }, 'admin');
    assert.deepEqual([window.status, window.body.value, window.body.rulesBroadcast], [200, 20, { status: 'unchanged' }]);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'ruleSetting', entityId: 'extension.maxTotalWorkingDays' }, orderBy: { id: 'desc' } });
    assert.deepEqual([audit.reason, audit.payload], ['延期上限调整', { before: { value: 10 }, after: { value: 12 } }]);
  });

  it('creates and deletes a policy row, each signalled and audited', async () => {
    const created = await api.post('/api/policies', { id: `t-${api.run}`, clock: 'handle', caseTypeCode: 'help', urgency: 'emergency', amount: 8, unit: 'hours', warnAmount: 2, warnUnit: 'hours', description: '特急求助8小时办结' }, 'admin');
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.rulesBroadcast.status, 'requested');
    const deleted = await api.delete(`/api/policies/t-${api.run}?reason=${encodeURIComponent('试行结束')}`, 'admin');
    assert.equal(deleted.status, 200);
    const actions = await testPrisma().auditEvent.findMany({ where: { entityType: 'deadlinePolicy', entityId: `t-${api.run}` }, orderBy: { id: 'asc' } });
    assert.deepEqual(actions.map((a) => [a.action, a.reason]), [['policyCreated', null], ['policyDeleted', '试行结束']]);
  });
});
