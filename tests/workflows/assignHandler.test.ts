// The named handler's yellow warning through real timers: the time-skipping test server starts
// on Mon 2026-11-23 10:00 (Shanghai); a case is dispatched to 城管局 and signed for, its handler
// takes it, and time skips to the handling clock's yellow point. The handler's own phone gets
// the yellow-warning SMS through the local Twilio endpoint, beside the unit's duty phone.
import assert from 'node:assert/strict';
import type { PetitionState } from '../../rules/lifecycle/types';
import { formatShanghaiMinute } from '../../rules/shanghaiTime';
import { testPrisma } from '../support/db';
import { recordHistory } from '../support/histories';
import { actors } from '../support/lifecycle';
import { assertProjectionMatches, waitUntil } from '../support/petitions';
import { useTelephonyStack } from '../support/telephonyStack';

const HANDLER_PHONE = '+8613800000001';
const DISTRICT_HANDLER_PHONE = '+8613800000003';

// Cases are left running, not terminated: a workflow terminated with an activity in flight keeps
// the time-skipping server from skipping time for the test after it.
describe('the named handler’s yellow warning (test server from Mon 2026-11-23 10:00)', () => {
  const t = useTelephonyStack({ timeSkippingFrom: '2026-11-23 10:00' });
  const sleepUntil = async (instant: number) => t.env.sleep(Math.max(1, instant - (await t.env.currentTimeMs())));

  it('texts the handler when named and when the handling clock turns yellow', async () => {
    const handle = await t.h.register({ citizenPhone: '+8613900002222' });
    const caseId = handle.workflowId;
    await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    await t.h.command(handle, 'signFor', {}, actors.leadHandler);
    const assigned: PetitionState = await t.h.command(handle, 'assignHandler', { handlerId: actors.leadHandler.id }, actors.leadHandler);
    const clock = assigned.clocks.find((c) => c.key === 'handle')!;
    const due = formatShanghaiMinute(clock.dueAt);

    const named = await t.twilio.waitForMessage({ to: HANDLER_PHONE, bodyIncludes: caseId });
    assert.equal(named.body, `【12345热线】张承办（城管局）：市城市管理局指定您承办工单${caseId}，请于${due}前办结。`);
    assert.equal(t.twilio.messages({ to: HANDLER_PHONE, bodyIncludes: '黄牌' }).filter((m) => m.body.includes(caseId)).length, 0, 'no warning while green');

    // A minute before the yellow point nothing; a minute after it the handler is told.
    await sleepUntil(clock.yellowAt - 60_000);
    assert.equal((await t.h.state(handle)).warningLevel, 'green');
    await sleepUntil(clock.yellowAt + 60_000);
    await waitUntil(async () => (await t.h.state(handle)).warningLevel === 'yellow');
    const warning = await t.twilio.waitForMessage({ to: HANDLER_PHONE, bodyIncludes: `${caseId}已黄牌预警` });
    assert.equal(warning.body, `【12345热线】张承办（城管局）：您承办的工单${caseId}已黄牌预警，时限${due}，请抓紧办理。`);
    const rows = await testPrisma().smsMessage.findMany({ where: { caseId, toNumber: HANDLER_PHONE }, orderBy: { createdAt: 'asc' } });
    assert.deepEqual(rows.map((m) => m.templateCode), ['sms.handlerAssigned', 'sms.handlerWarning']);

    const state = await t.h.state(handle);
    assert.deepEqual(state.recent.slice(-1).map((e) => e.type), ['warningChanged']);
    await assertProjectionMatches(state);
    await recordHistory('handler-assigned-yellow-warning', handle);
  });

  it('texts an assisting unit’s handler when its clock, run by the unit’s child workflow, turns yellow', async () => {
    const districtHandler = { id: 'user-district-handler', roles: ['unitHandler' as const], unitId: 'donghu' };
    const handle = await t.h.register({ citizenPhone: '+8613900003333' });
    const caseId = handle.workflowId;
    const dispatched: PetitionState = await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: ['donghu'] }, actors.dispatcher);
    const assist = dispatched.assignments.find((a) => a.role === 'assist')!;
    await t.h.command(handle, 'assignHandler', { handlerId: districtHandler.id }, districtHandler);
    await t.twilio.waitForMessage({ to: DISTRICT_HANDLER_PHONE, bodyIncludes: `指定您承办工单${caseId}` });

    // 东湖区 has not signed for: its sign-for clock turns yellow in its child workflow.
    const signFor = dispatched.clocks.find((c) => c.key === `signFor:${assist.id}`)!;
    await sleepUntil(signFor.yellowAt + 60_000);
    const warning = await t.twilio.waitForMessage({ to: DISTRICT_HANDLER_PHONE, bodyIncludes: `${caseId}已黄牌预警` });
    assert.equal(warning.body, `【12345热线】陈承办（东湖区）：您承办的工单${caseId}已黄牌预警，时限${formatShanghaiMinute(signFor.dueAt)}，请抓紧办理。`);
    assert.equal(t.twilio.messages({ to: HANDLER_PHONE, bodyIncludes: caseId }).length, 0, 'the lead unit named nobody');
  });
});
