// A stuck projection is seen on /healthz and in the admin's list within a minute, and the case
// catches up once the cause is fixed and an admin retries — over HTTP, on the real dev server.
// The cause is real: a CHECK constraint PostgreSQL enforces on urges carrying a marker.
import assert from 'node:assert/strict';
import { asSuperuser, testPrisma } from '../support/db';
import { getJson, postJson } from '../support/http';
import { useApiStack } from '../support/apiStack';
import { actorToken, ensureActorUsers } from '../support/sessions';
import { actors } from '../support/lifecycle';
import { listQuery } from '../support/adminApi';
import { waitUntil } from '../support/petitions';

const MARKER = 'STUCK-HTTP-MARKER';
const CONSTRAINT = 'test_stuck_http_marker';

describe('stuck cases over HTTP', () => {
  const stack = useApiStack();
  before(() => ensureActorUsers(Object.values(actors)));

  const as = (actor: (typeof actors)[keyof typeof actors]) => ({
    authorization: `Bearer ${actorToken(actor, 600)}`,
  });

  after(() => asSuperuser(`ALTER TABLE "Urge" DROP CONSTRAINT IF EXISTS ${CONSTRAINT}`));

  it('shows a stuck projection on /healthz and in the admin list within 60 s, and the case catches up after the fix and a retry', async () => {
    const registered = await postJson(
      `${stack.api.url}/api/cases`,
      { channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: '夜市占道', content: '解放路夜市占道经营。', citizenPhone: '+8613955557777', address: '东湖区解放路2号' },
      as(actors.operator),
    );
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const caseId: string = registered.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    const dispatched = await postJson(`${stack.api.url}/api/cases/${caseId}/commands/dispatch`, { leadUnitId: 'chengguan', assistUnitIds: [] }, as(actors.dispatcher));
    assert.equal(dispatched.status, 200);

    await asSuperuser(`ALTER TABLE "Urge" ADD CONSTRAINT ${CONSTRAINT} CHECK (reason NOT LIKE '%${MARKER}%') NOT VALID`);
    const failedAt = Date.now();
    const urged = await postJson(`${stack.api.url}/api/cases/${caseId}/commands/urge`, { reason: `请尽快签收 ${MARKER}` }, as(actors.dispatcher));
    assert.equal(urged.status, 202, 'taken by the case, its projection pending');
    assert.equal(urged.body.projectionPending, true);
    assert.equal(urged.body.counters.urges, 1);
    // A later command on the same case answers as well.
    const signed = await postJson(`${stack.api.url}/api/cases/${caseId}/commands/signFor`, {}, as(actors.leadHandler));
    assert.equal(signed.status, 202);

    await waitUntil(async () => (await getJson(`${stack.api.url}/healthz`)).body.checks.stuckCases.ok === false, 60_000);
    const seenWithin = Date.now() - failedAt;
    assert.ok(seenWithin < 60_000, `seen after ${seenWithin} ms`);
    const health = await getJson(`${stack.api.url}/healthz`);
    assert.equal(health.status, 200, 'a stuck case does not take the API out of service');
    assert.equal(health.body.status, 'degraded');
    assert.equal(health.body.checks.stuckCases.code, 'casesStuck');
    assert.ok(health.body.checks.stuckCases.count >= 1);

    const listed = await getJson(`${stack.api.url}/api/stuck-cases${listQuery({ filter: { caseId }, range: [0, 9] })}`, as(actors.admin));
    assert.equal(listed.status, 200);
    assert.equal(listed.body.length, 1);
    const [row] = listed.body;
    assert.deepEqual([row.caseId, row.step, row.permanent, row.caseVisible], [caseId, 'projection', true, true]);
    assert.match(row.errorMessage, new RegExp(CONSTRAINT));
    // Units do not see this list; only admins retry.
    assert.equal((await getJson(`${stack.api.url}/api/stuck-cases`, as(actors.leadHandler))).status, 403);
    assert.equal((await postJson(`${stack.api.url}/api/stuck-cases/${row.id}/retry`, { reason: '约束已删除' }, as(actors.supervisor))).status, 403);
    assert.equal((await postJson(`${stack.api.url}/api/stuck-cases/${row.id}/retry`, {}, as(actors.admin))).status, 400, 'a retry needs a reason');

    // Retried before the fix: it fails again, one more attempt, nothing lost.
    assert.equal((await postJson(`${stack.api.url}/api/stuck-cases/${row.id}/retry`, { reason: '再试一次' }, as(actors.admin))).status, 202);
    await waitUntil(async () => (await testPrisma().stuckStep.findUniqueOrThrow({ where: { id: row.id } })).attempts >= 2);

    await asSuperuser(`ALTER TABLE "Urge" DROP CONSTRAINT ${CONSTRAINT}`);
    const retried = await postJson(`${stack.api.url}/api/stuck-cases/${row.id}/retry`, { reason: '约束已删除' }, as(actors.admin));
    assert.equal(retried.status, 202);
    await waitUntil(async () => (await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).projectionVersion >= signed.body.seq, 30_000);
    const caseRow = await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } });
    assert.equal(caseRow.urgeCount, 1);
    assert.equal(caseRow.status, 'signed');
    const actions = (await testPrisma().auditEvent.findMany({ where: { caseId }, orderBy: { id: 'asc' } })).map((e) => e.action);
    assert.deepEqual(actions, ['registered', 'dispatched', 'urged', 'signedFor'], 'the audit trail holds every change, in order');
    await waitUntil(async () => (await getJson(`${stack.api.url}/api/stuck-cases${listQuery({ filter: { caseId } })}`, as(actors.admin))).body.length === 0);
    const retries = await testPrisma().auditEvent.findMany({ where: { entityType: 'stuckStep', entityId: row.id }, orderBy: { id: 'asc' } });
    assert.deepEqual(retries.map((e) => [e.action, e.actorId, e.reason]), [['stuckStepRetried', actors.admin.id, '再试一次'], ['stuckStepRetried', actors.admin.id, '约束已删除']]);
  });

  it('takes a stuck step off the list when its workflow was ended by hand', async () => {
    const registered = await postJson(
      `${stack.api.url}/api/cases`,
      { channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: '夜市占道', content: '解放路夜市占道经营。', citizenPhone: '+8613955558888', address: '东湖区解放路3号' },
      as(actors.operator),
    );
    const caseId: string = registered.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    assert.equal((await postJson(`${stack.api.url}/api/cases/${caseId}/commands/dispatch`, { leadUnitId: 'chengguan', assistUnitIds: [] }, as(actors.dispatcher))).status, 200);
    await asSuperuser(`ALTER TABLE "Urge" ADD CONSTRAINT ${CONSTRAINT} CHECK (reason NOT LIKE '%${MARKER}%') NOT VALID`);
    try {
      assert.equal((await postJson(`${stack.api.url}/api/cases/${caseId}/commands/urge`, { reason: MARKER }, as(actors.dispatcher))).status, 202);
      await waitUntil(async () => (await testPrisma().stuckStep.findUnique({ where: { id: `${caseId}:projection` } })) !== null);
    } finally {
      await asSuperuser(`ALTER TABLE "Urge" DROP CONSTRAINT IF EXISTS ${CONSTRAINT}`);
    }
    await stack.env.client.workflow.getHandle(caseId).terminate('ended by hand for the test');
    const retried = await postJson(`${stack.api.url}/api/stuck-cases/${caseId}:projection/retry`, { reason: '工作流已被人工终止' }, as(actors.admin));
    assert.equal(retried.status, 409);
    assert.equal(retried.body.error.code, 'workflow_closed');
    const row = await testPrisma().stuckStep.findUniqueOrThrow({ where: { id: `${caseId}:projection` } });
    assert.notEqual(row.resolvedAt, null, 'off the list');
  });
});
