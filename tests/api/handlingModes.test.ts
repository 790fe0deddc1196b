// The handling modes over HTTP, through the local Twilio endpoint: a dispatch by phone (the
// mode on the case row, its 3-working-day limit), 转阅 (the unit sees the case and may mark it
// read), 领导批示 (priority in the list, the lead unit's SMS) and the major emergency's SMS to the
// numbers an admin set. Each command: 403 / 400 / 409 / 200, audited, nothing changed on refusal.
import assert from 'node:assert/strict';
import { testPrisma } from '../support/db';
import { getJson, postJson } from '../support/http';
import { ensureActorUsers } from '../support/sessions';
import { actors } from '../support/lifecycle';
import { actorCommands } from '../support/actorCommands';
import { waitUntil } from '../support/petitions';
import { useTelephonyStack } from '../support/telephonyStack';

type Person = keyof typeof actors;
const CATEGORY = 'cat-urban.street-vending';
const LEADERSHIP = '+8613900001111';
const DUTY_ROOM = '+8653112300000';

describe('handling modes over HTTP', () => {
  const stack = useTelephonyStack();
  before(() => ensureActorUsers(Object.values(actors)));
  const { as, post, command } = actorCommands(() => stack.api.url);
  const register = async (urgency = 'normal', title = '夜市摊点占道'): Promise<string> => {
    const response = await postJson(
      `${stack.api.url}/api/cases`,
      { channel: 'phone', caseTypeCode: 'complaint', categoryId: CATEGORY, urgency, title, content: '夜市摊点占道经营，影响通行。', address: '东湖路88号', citizenPhone: '+8613955557777' },
      as('operator'),
    );
    assert.equal(response.status, 201, JSON.stringify(response.body));
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: response.body.caseId } })) !== null);
    return response.body.caseId;
  };
  const audits = (caseId: string) => testPrisma().auditEvent.count({ where: { caseId } });

  it('dispatch by phone: 400 for an unknown mode; 200 with the mode on the row and the phone policy’s deadline', async () => {
    const caseId = await register();
    const before = await audits(caseId);
    const bad = await post(caseId, 'dispatch', { leadUnitId: 'chengguan', mode: 'fax' }, 'dispatcher');
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys(bad.body.error.fields), ['mode']);
    assert.equal(await audits(caseId), before);

    const state = await command(caseId, 'dispatch', { leadUnitId: 'chengguan', mode: 'phone' }, 'dispatcher');
    const handle = state.clocks.find((c) => c.key === 'handle')!;
    assert.deepEqual(handle.limit, { amount: 3, unit: 'workingDays' });
    const row = await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } });
    assert.deepEqual([row.dispatchMode, row.handleDueAt?.getTime()], ['phone', handle.dueAt]);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'dispatched' } });
    assert.equal((audit.payload as { mode?: string }).mode, 'phone');
    const listed = await getJson(`${stack.api.url}/api/cases?filter=${encodeURIComponent(JSON.stringify({ id: caseId, dispatchMode: 'phone' }))}`, as('dispatcher'));
    assert.deepEqual(listed.body.map((c: { id: string }) => c.id), [caseId]);
  });

  it('转阅: 403 for units (404 for one that cannot see the case yet), 400 for a unit that does not exist; 200: the unit sees the case (marked) and marks it read once (409 again)', async () => {
    const caseId = await register();
    await command(caseId, 'dispatch', { leadUnitId: 'chengguan' }, 'dispatcher');
    const before = await audits(caseId);
    assert.equal((await getJson(`${stack.api.url}/api/cases/${caseId}`, as('otherUnitHandler'))).status, 404, 'not donghu’s before');
    assert.equal((await post(caseId, 'forwardForInformation', { unitIds: ['donghu'] }, 'leadHandler')).status, 403);
    const unknown = await post(caseId, 'forwardForInformation', { unitIds: ['no-such-unit'] }, 'dispatcher');
    assert.equal(unknown.status, 400, JSON.stringify(unknown.body));
    assert.deepEqual(unknown.body.error.fields, { 'unit:no-such-unit': 'no such active unit' });
    assert.equal((await post(caseId, 'markForwardRead', {}, 'otherUnitHandler')).status, 404, 'a case the unit cannot see');
    assert.equal((await post(caseId, 'markForwardRead', {}, 'leadHandler')).status, 403, 'not forwarded to the lead unit');
    assert.equal(await audits(caseId), before, 'refusals record nothing');

    await command(caseId, 'forwardForInformation', { unitIds: ['donghu'], note: '涉及东湖区夜市管理，请知悉' }, 'supervisor');
    await waitUntil(async () => (await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).readerUnitIds.includes('donghu'));
    const read = await getJson(`${stack.api.url}/api/cases/${caseId}`, as('otherUnitHandler'));
    assert.equal(read.status, 200);
    assert.deepEqual(read.body.allowedCommands, ['markForwardRead'], 'read access, nothing to handle');
    const mine = await getJson(`${stack.api.url}/api/cases?filter=${encodeURIComponent(JSON.stringify({ forwardedToMe: true }))}`, as('otherUnitHandler'));
    assert.ok(mine.body.some((c: { id: string }) => c.id === caseId), 'in the unit’s list, as forwarded to it');
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'forwardedForInformation' } });
    assert.deepEqual([audit.actorId, audit.reason], [actors.supervisor.id, '涉及东湖区夜市管理，请知悉']);

    await command(caseId, 'markForwardRead', {}, 'otherUnitHandler');
    await waitUntil(async () => (await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).readByUnitIds.includes('donghu'));
    assert.equal((await post(caseId, 'markForwardRead', {}, 'otherUnitHandler')).status, 409);
    assert.equal(await testPrisma().auditEvent.count({ where: { caseId, action: 'forwardRead', actorId: actors.otherUnitHandler.id } }), 1);
  });

  it('领导批示: 403 for a dispatcher, 400 without the instruction; 200: first in the list sorted by it, the lead unit’s SMS, audited', async () => {
    const caseId = await register();
    await command(caseId, 'dispatch', { leadUnitId: 'chengguan' }, 'dispatcher');
    const instruction = { leaderName: '王明', leaderTitle: '副市长', instruction: '请三日内处理到位并报结果。' };
    const before = await audits(caseId);
    assert.equal((await post(caseId, 'attachLeaderInstruction', instruction, 'dispatcher')).status, 403);
    const missing = await post(caseId, 'attachLeaderInstruction', { leaderName: '王明' }, 'supervisor');
    assert.equal(missing.status, 400);
    assert.deepEqual(Object.keys(missing.body.error.fields), ['instruction']);
    assert.equal(await audits(caseId), before);

    const other = await register();
    await command(caseId, 'attachLeaderInstruction', instruction, 'supervisor');
    const row = await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } });
    assert.ok(row.leaderInstructedAt !== null);
    const sorted = await getJson(`${stack.api.url}/api/cases?sort=${encodeURIComponent('["leaderInstructedAt","DESC"]')}&range=[0,0]`, as('dispatcher'));
    assert.deepEqual(sorted.body.map((c: { id: string }) => c.id), [caseId], 'the instructed case before the newer one without');
    const flagged = await getJson(`${stack.api.url}/api/cases?filter=${encodeURIComponent(JSON.stringify({ id: [caseId, other], leaderInstructed: true }))}`, as('dispatcher'));
    assert.deepEqual(flagged.body.map((c: { id: string }) => c.id), [caseId]);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'leaderInstructionAttached' } });
    assert.deepEqual([audit.actorId, audit.reason], [actors.supervisor.id, instruction.instruction]);
    const sms = await stack.twilio.waitForMessage({ to: '+8653181010001', bodyIncludes: `工单${caseId}有领导批示`, status: 'delivered' });
    assert.match(sms.body, /副市长王明/);
  });

  describe('重大紧急', () => {
    // The numbers are a shared rule setting: put back afterwards, as an admin would, so that the
    // suites after this one see the seeded value.
    const setting = () => `${stack.api.url}/api/rule-settings/emergency.notifyPhones`;
    const putNumbers = (value: unknown, reason: string) =>
      fetch(setting(), { method: 'PUT', headers: { 'content-type': 'application/json', ...as('admin') }, body: JSON.stringify({ value, reason }) });
    let seeded: unknown;
    before(async () => {
      seeded = (await getJson(setting(), as('admin'))).body.value;
    });
    after(async () => {
      const restored = await putNumbers(seeded, '测试结束，恢复原值');
      assert.equal(restored.status, 200, await restored.text());
    });

    it('an emergency registration, and a reclassification to emergency, SMS the leadership and the duty room at once', async () => {
      const put = await putNumbers({ leadership: [LEADERSHIP], dutyRoom: [DUTY_ROOM] }, '值班安排');
      assert.equal(put.status, 200, await put.text());

      const emergency = await register('emergency', '燃气管道泄漏');
      for (const to of [LEADERSHIP, DUTY_ROOM]) {
        const sms = await stack.twilio.waitForMessage({ to, bodyIncludes: emergency, status: 'delivered' });
        assert.equal(sms.body, `【12345热线】重大紧急事项：工单${emergency}“燃气管道泄漏”（东湖路88号），请立即处置。`);
      }

      const normal = await register('normal', '井盖缺失');
      await command(normal, 'reclassify', { caseTypeCode: 'complaint', categoryId: CATEGORY, urgency: 'emergency', reason: '井盖缺失已致行人受伤' }, 'dispatcher');
      await stack.twilio.waitForMessage({ to: DUTY_ROOM, bodyIncludes: normal, status: 'delivered' });
      await waitUntil(async () => (await testPrisma().smsMessage.count({ where: { caseId: normal, templateCode: 'sms.majorEmergencyNotice' } })) === 2);
    });
  });
});
