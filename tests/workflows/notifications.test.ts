// Notices to units' duty phones and to the citizen, queued as outbound SMS from the templates.
import assert from 'node:assert/strict';
import { verifyLinkToken } from '../../lib/citizenAccess/linkTokens';
import { formatShanghaiMinute } from '../../rules/shanghaiTime';
import { testPrisma } from '../support/db';
import { TEST_LINKS, tokenInSms } from '../support/links';
import { recordHistory } from '../support/histories';
import { actors } from '../support/lifecycle';
import { useHarnessAt, waitUntil } from '../support/petitions';

describe('notices (test server from Mon 2026-11-23 10:00)', () => {
  const t = useHarnessAt('2026-11-23 10:00', 'all');



  const messages = (caseId: string) => testPrisma().smsMessage.findMany({ where: { caseId }, orderBy: { createdAt: 'asc' } });

  it('tells the units on dispatch, an overdue unit when urged, and the citizen about an extension and the result', async () => {
    const handle = await t.h.register({ citizenPhone: '+8613912345678' });
    const caseId = handle.workflowId;
    const dispatched = await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: ['zhujian'] }, actors.dispatcher);
    await waitUntil(async () => (await messages(caseId)).length === 2);
    const onDispatch = await messages(caseId);
    // Queued, and its delivery started (this worker has no Twilio endpoint, so it stays unsent).
    const unsent = (status: string) => (['queued', 'sending'].includes(status) ? 'unsent' : status);
    assert.deepEqual(onDispatch.map((m) => [m.toNumber, m.templateCode, unsent(m.status), m.direction]).sort(), [
      ['+8653181010001', 'sms.dispatchNotice', 'unsent', 'outbound'],
      ['+8653181020001', 'sms.dispatchNotice', 'unsent', 'outbound'],
    ]);
    const lead = onDispatch.find((m) => m.toNumber === '+8653181010001')!;
    assert.equal(lead.body, `【12345热线】市城市管理局：工单${caseId}已交办，请于2026-11-24 23:59前签收，2026-12-14 23:59前办结。`);

    await t.h.command(handle, 'signFor', {}, actors.leadHandler);
    await t.h.command(handle, 'urge', { reason: '群众反映强烈，请加快办理' }, actors.dispatcher);
    await t.h.command(handle, 'requestExtension', { workingDays: 3, reason: '需现场勘验' }, actors.leadHandler);
    await t.h.command(handle, 'decideExtension', { approve: true, reason: '需现场勘验' }, actors.dispatcher);
    await t.h.command(handle, 'submitResult', { actionsTaken: '已清理', replyToCitizen: '摊贩已劝离并设置围挡。', handlerName: '张三', citizenContacted: true }, actors.leadHandler);
    await t.h.command(handle, 'unitApprove', {}, actors.leadLeader);
    await t.h.command(handle, 'review', { accept: true }, actors.dispatcher);
    await t.h.command(handle, 'recordCallback', { outcome: 'reached', satisfaction: 'satisfied' }, actors.operator);
    await waitUntil(async () => (await messages(caseId)).length === 5);
    const bodies = (await messages(caseId)).slice(2).map((m) => [m.toNumber, m.body]);
    assert.deepEqual(bodies.slice(0, 2), [
      ['+8653181010001', `【12345热线】市城市管理局：工单${caseId}被催办，时限2026-12-14 23:59，请抓紧办理。`],
      ['+8613912345678', `【12345热线】您的诉求（受理号${caseId}）办理时限延长至2026-12-17 23:59，原因：需现场勘验`],
    ]);
    // The completion notice offers re-review until the window ends, through a signed link.
    const [to, completion] = bodies[2]!;
    assert.equal(to, '+8613912345678');
    const reReviewUntil = formatShanghaiMinute((await t.h.state(handle)).reReviewUntil!);
    assert.ok(completion!.startsWith(`【12345热线】您的诉求（受理号${caseId}）已办结：摊贩已劝离并设置围挡。 如有异议，可于${reReviewUntil}前申请复核： ${TEST_LINKS.baseUrl}/citizen/link.html#`), completion);
    const link = verifyLinkToken(tokenInSms(completion!), TEST_LINKS.secret, new Date());
    assert.deepEqual(link.ok && [link.link.purpose, link.link.caseId], ['reReview', caseId]);
    assert.ok(dispatched.seq > 0);
    await recordHistory('notices', handle);
    await handle.terminate('test finished');
  });

  it('sends nothing to a citizen who opted out of SMS', async () => {
    await testPrisma().smsOptOut.upsert({ where: { phone: '+8613900000999' }, create: { phone: '+8613900000999' }, update: {} });
    const handle = await t.h.register({ citizenPhone: '+8613900000999' });
    await t.h.command(handle, 'answerDirectly', { answer: '请携带身份证到派出所办理。' }, actors.operator);
    await t.h.command(handle, 'requestReReview', { reason: '没说清楚' }, actors.citizen);
    await t.h.command(handle, 'decideReReview', { reopen: true, reason: '重新派单' }, actors.supervisor);
    await t.h.command(handle, 'dispatch', { leadUnitId: 'gongan', assistUnitIds: [] }, actors.dispatcher);
    await t.h.command(handle, 'signFor', {}, { id: 'user-gongan', roles: ['unitHandler'], unitId: 'gongan' });
    await t.h.command(handle, 'requestExtension', { workingDays: 2, reason: '核查户籍' }, { id: 'user-gongan', roles: ['unitHandler'], unitId: 'gongan' });
    await t.h.command(handle, 'decideExtension', { approve: true, reason: '同意' }, actors.dispatcher);
    await waitUntil(async () => (await messages(handle.workflowId)).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sent = await messages(handle.workflowId);
    assert.deepEqual(sent.map((m) => m.templateCode), ['sms.dispatchNotice'], 'only the unit was told');
    await handle.terminate('test finished');
  });
});
