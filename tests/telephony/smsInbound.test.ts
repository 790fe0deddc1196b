// Inbound SMS through the signed Messaging webhook, against the real API, Temporal and worker:
// case queries answered only to the case's own phone, survey answers reaching the callback
// workflow, opt-out/in, free text kept once as a draft that operators register or dismiss,
// status callbacks that only move forward, and forged webhooks refused.
import assert from 'node:assert/strict';
import twilio from 'twilio';
import { formatShanghaiMinute } from '../../rules/shanghaiTime';
import { useApiStack } from '../support/apiStack';
import { actorToken, ensureActorUsers } from '../support/sessions';
import { testPrisma } from '../support/db';
import { getJson, postJson } from '../support/http';
import { actors } from '../support/lifecycle';
import { waitUntil } from '../support/petitions';
import { inboundParams, newMessageSid, postInboundSms } from '../support/sms';
import { postSignedWebhook, TEST_TWILIO_AUTH_TOKEN } from '../support/twilio';

type Person = keyof typeof actors;

describe('inbound SMS (Twilio Messaging webhook)', () => {
  const stack = useApiStack();
  before(() => ensureActorUsers(Object.values(actors)));

  const as = (person: Person) => {
    const actor = actors[person];
    const token = actorToken(actor, 300);
    return { authorization: `Bearer ${token}` };
  };
  const sms = (from: string, body: string, messageSid?: string) => postInboundSms(stack.api.url, inboundParams(from, body, messageSid));
  const stored = (messageSid: string) => testPrisma().smsMessage.findUnique({ where: { messageSid } });
  /** A unique mainland mobile number per test run. */
  const phone = () => `+86139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

  const dispatchedCase = async (citizenPhone: string) => {
    const handle = await stack.h.register({ citizenPhone });
    await stack.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    await waitUntil(async () => (await testPrisma().case.findUniqueOrThrow({ where: { id: handle.workflowId } })).status === 'dispatched');
    return handle;
  };

  it('answers 查询 with the status and deadline only to the phone that filed the case', async () => {
    const citizen = phone();
    const handle = await dispatchedCase(citizen);
    const caseId = handle.workflowId;
    const due = formatShanghaiMinute((await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).handleDueAt!.getTime());
    const fullWidth = caseId.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

    const own = await sms(citizen, `查询　${fullWidth}`);
    assert.equal(own.status, 200);
    assert.equal(own.message, `【12345热线】受理号${caseId}：已交办承办单位，办理时限${due}。`);

    // Someone else's case and a number that does not exist get the same neutral answer.
    const stranger = await sms(phone(), `cx ${caseId}`);
    assert.equal(stranger.message, `【12345热线】未查询到本机号码反映的受理号为${caseId}的诉求，请核对受理号，或拨打12345咨询。`);
    const unknown = await sms(citizen, '查询 20991231999999');
    assert.equal(unknown.message, '【12345热线】未查询到本机号码反映的受理号为20991231999999的诉求，请核对受理号，或拨打12345咨询。');

    // A case registered with the national form of the number answers its E.164 sender.
    const national = await dispatchedCase(citizen.slice(3));
    assert.match((await sms(citizen, `查询${national.workflowId}`)).message!, new RegExp(`受理号${national.workflowId}：已交办承办单位`));

    const messages = await testPrisma().smsMessage.findMany({ where: { fromNumber: citizen, direction: 'inbound' }, orderBy: { createdAt: 'asc' } });
    assert.deepEqual(messages.map((m) => [m.intent, m.caseId]), [['query', caseId], ['query', null], ['query', national.workflowId]]);
    // Each answer is kept on the case as an outbound message.
    const replies = await testPrisma().smsMessage.findMany({ where: { caseId, direction: 'outbound', templateCode: 'sms.reply.caseStatus' } });
    assert.deepEqual(replies.map((r) => [r.toNumber, r.body]), [[citizen, own.message]]);
    await handle.terminate('test finished');
    await national.terminate('test finished');
  });

  it('takes the survey answer 3 to the open callback, and the case waits for the office’s decision', async () => {
    const citizen = phone();
    const { handle, state: reviewed } = await stack.h.registerInCallback(citizen);
    const caseId = handle.workflowId;
    assert.equal(reviewed.status, 'callback');
    await waitUntil(async () => (await testPrisma().callback.count({ where: { caseId, status: { in: ['pending', 'inProgress'] } } })) === 1);
    // This worker's Twilio is a closed port: the first survey call fails after its three tries
    // (about 15 s), and only then does the callback take an answer it was sent meanwhile.
    const callback = await testPrisma().callback.findFirstOrThrow({ where: { caseId } });
    await waitUntil(async () => (await testPrisma().callbackAttempt.findFirst({ where: { callbackId: callback.id, attemptNo: 1 } }))?.outcome === 'failed', 60_000);

    const answer = await sms(citizen, '３');
    assert.equal(answer.message, `【12345热线】您对受理号${caseId}的评价（不满意，未答复是否解决）已收到，感谢您的反馈。`);
    await waitUntil(async () => (await stack.h.state(handle)).status === 'awaitingUnsatisfiedDecision');
    const state = await stack.h.state(handle);
    assert.equal(state.counters.rehandles, 0, 'the office decides whether to handle it again');
    assert.deepEqual([state.callbacks[0]!.satisfaction, state.callbacks[0]!.method], ['unsatisfied', 'sms']);
    await waitUntil(async () => (await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).status === 'awaitingUnsatisfiedDecision');

    // The survey is over: another answer is told so, and changes nothing.
    const late = await sms(citizen, '1');
    assert.equal(late.message, '【12345热线】本机号码当前没有待评价的诉求。查询办理进度请回复“查询+受理号”，如需反映问题请直接发送诉求内容。');
    assert.equal((await stack.h.state(handle)).status, 'awaitingUnsatisfiedDecision');
    const inbound = await testPrisma().smsMessage.findMany({ where: { fromNumber: citizen, direction: 'inbound' }, orderBy: { createdAt: 'asc' } });
    assert.deepEqual(inbound.map((m) => [m.body, m.intent, m.caseId]), [['３', 'surveyReply', caseId], ['1', 'surveyReply', null]]);
    await handle.terminate('test finished');
  });

  it('stores a retried webhook once, as one draft, and answers it the same way', async () => {
    const citizen = phone();
    const params = inboundParams(citizen, '解放路17号门口路灯坏了三天，晚上很黑，请尽快修理。');
    const first = await postInboundSms(stack.api.url, params);
    const [second, third] = await Promise.all([postInboundSms(stack.api.url, params), postInboundSms(stack.api.url, params)]);
    assert.equal(first.status, 200);
    assert.equal(first.message, '【12345热线】收到您的短信，话务员将尽快登记处理，受理后将短信告知受理号。');
    assert.deepEqual([second.xml, third.xml], [first.xml, first.xml]);
    assert.equal(await testPrisma().smsMessage.count({ where: { fromNumber: citizen } }), 1, 'one inbound message');
    assert.equal(await testPrisma().smsMessage.count({ where: { toNumber: citizen } }), 1, 'one reply');
    assert.equal(await testPrisma().telephonyWebhook.count({ where: { sid: params.MessageSid } }), 1);
    const drafts = await getJson(`${stack.api.url}/api/telephony/sms-drafts`, as('operator'));
    assert.equal(drafts.status, 200);
    assert.equal(drafts.body.filter((d: { fromNumber: string }) => d.fromNumber === citizen).length, 1);
  });

  it('lets operators register a draft as an SMS case, once, and dismiss another with a reason', async () => {
    const citizen = phone();
    const text = '东湖区解放路夜市摊贩占道经营，影响通行。';
    const sid = newMessageSid();
    await sms(citizen, text, sid);
    const draftId = (await stored(sid))!.id;
    assert.equal((await getJson(`${stack.api.url}/api/telephony/sms-drafts`, as('leadHandler'))).status, 403);
    const listed = await getJson(`${stack.api.url}/api/telephony/sms-drafts?filter=${encodeURIComponent('{"state":"open"}')}`, as('operator'));
    assert.deepEqual(listed.body.find((d: { id: string }) => d.id === draftId), { id: draftId, state: 'open', fromNumber: citizen, toNumber: '+8653112345', body: text, confidentialRequested: false, receivedAt: listed.body.find((d: { id: string }) => d.id === draftId).receivedAt, caseId: null, dismissedAt: null, dismissedById: null });

    const refused = await postJson(`${stack.api.url}/api/telephony/sms-drafts/${encodeURIComponent(draftId)}/register`, { caseTypeCode: 'complaint' }, as('operator'));
    assert.equal(refused.status, 400);
    assert.ok(refused.body.error.fields.title);
    const registered = await postJson(`${stack.api.url}/api/telephony/sms-drafts/${encodeURIComponent(draftId)}/register`, { caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: '夜市占道经营' }, as('operator'));
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const caseId = registered.body.caseId as string;
    const row = await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } });
    assert.deepEqual([row.channel, row.citizenPhone, row.content, row.title, row.confidential], ['sms', citizen, text, '夜市占道经营', false]);
    assert.equal((await stored(sid))!.caseId, caseId);
    const again = await postJson(`${stack.api.url}/api/telephony/sms-drafts/${encodeURIComponent(draftId)}/register`, { caseTypeCode: 'complaint', title: '夜市占道经营' }, as('operator'));
    assert.equal(again.status, 409);
    assert.equal((await postJson(`${stack.api.url}/api/telephony/sms-drafts/${encodeURIComponent(draftId)}/dismiss`, { reason: '重复' }, as('operator'))).status, 409);
    assert.equal(await testPrisma().case.count({ where: { citizenPhone: citizen } }), 1, 'one case');
    assert.equal(await testPrisma().auditEvent.count({ where: { entityType: 'smsMessage', entityId: draftId, action: 'smsDraftRegistered' } }), 1);

    const spamSid = newMessageSid();
    await sms(citizen, '恭喜您中奖了', spamSid);
    const spamId = (await stored(spamSid))!.id;
    const noReason = await postJson(`${stack.api.url}/api/telephony/sms-drafts/${encodeURIComponent(spamId)}/dismiss`, {}, as('operator'));
    assert.equal(noReason.status, 400);
    assert.ok(noReason.body.error.fields.reason);
    assert.equal((await stored(spamSid))!.dismissedAt, null, 'a refused dismissal changes nothing');
    const dismissed = await postJson(`${stack.api.url}/api/telephony/sms-drafts/${encodeURIComponent(spamId)}/dismiss`, { reason: '广告短信' }, as('operator'));
    assert.equal(dismissed.status, 200);
    assert.equal(dismissed.body.state, 'dismissed');
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'smsMessage', entityId: spamId, action: 'smsDraftDismissed' } });
    assert.deepEqual([audit.actorId, audit.reason], ['user-operator', '广告短信']);
    assert.equal((await postJson(`${stack.api.url}/api/telephony/sms-drafts/${encodeURIComponent(spamId)}/register`, { caseTypeCode: 'complaint', title: '中奖' }, as('operator'))).status, 409);
    assert.equal((await postJson(`${stack.api.url}/api/telephony/sms-drafts/in%3ASMnope/dismiss`, { reason: 'x' }, as('operator'))).status, 404);
    await stack.h.client.workflow.getHandle(caseId).terminate('test finished');
  });

  it('keeps a free-text SMS holding control characters as a clean draft, and registers it as a case', async () => {
    const citizen = phone();
    const sid = newMessageSid();
    const answer = await sms(citizen, '解放路\u0000夜市\r\n占道\u202e经营', sid);
    assert.equal(answer.status, 200);
    const clean = '解放路夜市\n占道经营';
    assert.equal((await stored(sid))!.body, clean);
    const webhook = await testPrisma().telephonyWebhook.findUniqueOrThrow({ where: { dedupeKey: `sms:${sid}` } });
    assert.equal((webhook.params as Record<string, string>).Body, clean, 'the webhook log keeps the cleaned parameters');

    const registered = await postJson(`${stack.api.url}/api/telephony/sms-drafts/${encodeURIComponent((await stored(sid))!.id)}/register`, { caseTypeCode: 'complaint', title: '夜市\u0000占道' }, as('operator'));
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const row = await testPrisma().case.findUniqueOrThrow({ where: { id: registered.body.caseId } });
    assert.deepEqual([row.title, row.content], ['夜市占道', clean]);
    await stack.h.client.workflow.getHandle(row.id).terminate('test finished');
  });

  it('honours opt-out and opt-in keywords', async () => {
    const citizen = phone();
    assert.equal((await sms(citizen, 'td')).message, '【12345热线】您已退订12345热线短信通知。如需恢复，请回复“订阅”。');
    assert.deepEqual((await testPrisma().smsOptOut.findMany({ where: { phone: { in: [citizen, citizen.slice(3)] } } })).length, 2, 'under the E.164 and the national form');
    assert.equal((await sms(citizen, '订 阅')).message, '【12345热线】您已恢复接收12345热线短信通知。回复TD可退订。');
    assert.equal(await testPrisma().smsOptOut.count({ where: { phone: { in: [citizen, citizen.slice(3)] } } }), 0);
  });

  it('records status callbacks of a reply, forward only, and ignores unknown messages', async () => {
    const citizen = phone();
    const answer = await sms(citizen, '查询');
    assert.match(answer.message!, /查询办理进度请回复/);
    const action = new URL(answer.action!);
    assert.equal(action.pathname, '/telephony/sms/status');
    const replyId = action.searchParams.get('messageId')!;
    const replySid = newMessageSid();
    const status = (messageStatus: string, extra: Record<string, string> = {}) => postSignedWebhook(answer.action!, { MessageSid: replySid, MessageStatus: messageStatus, To: citizen, From: '+8653112345', ...extra });
    const row = () => testPrisma().smsMessage.findUniqueOrThrow({ where: { id: replyId } });

    assert.equal((await status('sent')).status, 200);
    const sent = await row();
    assert.deepEqual([sent.messageSid, sent.status, sent.deliveredAt], [replySid, 'sent', null]);
    assert.ok(sent.sentAt);
    assert.equal((await status('delivered')).status, 200);
    const delivered = await row();
    assert.equal(delivered.status, 'delivered');
    assert.ok(delivered.deliveredAt);
    // A late 'sent', a repeated 'delivered' and a late 'undelivered' change nothing.
    await status('sent');
    await status('delivered');
    await status('undelivered', { ErrorCode: '30003' });
    const after = await row();
    assert.deepEqual([after.status, after.errorCode, after.sentAt, after.deliveredAt], ['delivered', null, sent.sentAt, delivered.deliveredAt]);

    const stranger = await postSignedWebhook(`${stack.api.url}/telephony/sms/status`, { MessageSid: newMessageSid(), MessageStatus: 'delivered' });
    assert.equal(stranger.status, 200);
  });

  it('refuses a forged or altered webhook with 403 and stores nothing', async () => {
    const citizen = phone();
    const params = inboundParams(citizen, '路灯不亮');
    assert.equal((await postInboundSms(stack.api.url, params, { signature: 'bm90IGEgc2lnbmF0dXJl' })).status, 403);
    const response = await fetch(`${stack.api.url}/telephony/sms/incoming`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() });
    assert.equal(response.status, 403, 'no signature');
    // Signed for one text, sent with another.
    const signature = twilio.getExpectedTwilioSignature(TEST_TWILIO_AUTH_TOKEN, `${stack.api.url}/telephony/sms/incoming`, params);
    assert.equal((await postInboundSms(stack.api.url, { ...params, Body: '1' }, { signature })).status, 403);
    assert.equal(await testPrisma().smsMessage.count({ where: { OR: [{ fromNumber: citizen }, { toNumber: citizen }] } }), 0);
    assert.equal(await testPrisma().telephonyWebhook.count({ where: { sid: params.MessageSid } }), 0);
  });

  it('shows a case its messages: identity for the office, masked for the unit, never credentials', async () => {
    const citizen = phone();
    const handle = await dispatchedCase(citizen);
    const caseId = handle.workflowId;
    await sms(citizen, `查询${caseId}`);
    await waitUntil(async () => (await testPrisma().smsMessage.count({ where: { caseId, templateCode: 'sms.dispatchNotice' } })) === 1);

    const office = await getJson(`${stack.api.url}/api/cases/${caseId}/messages`, as('dispatcher'));
    assert.equal(office.status, 200);
    const kinds = office.body.map((m: { direction: string; templateCode: string | null; intent: string | null }) => `${m.direction}:${m.templateCode ?? m.intent}`);
    assert.deepEqual(kinds.sort(), ['inbound:query', 'outbound:sms.dispatchNotice', 'outbound:sms.reply.caseStatus']);
    const query = office.body.find((m: { direction: string }) => m.direction === 'inbound');
    assert.equal(query.fromNumber, citizen);
    // The dispatch notice has not reached Twilio here (no endpoint): its attempts show.
    const notice = office.body.find((m: { templateCode: string }) => m.templateCode === 'sms.dispatchNotice');
    assert.equal(notice.toNumber, '+8653181010001');

    const unit = await getJson(`${stack.api.url}/api/cases/${caseId}/messages`, as('leadHandler'));
    assert.equal(unit.status, 200);
    const masked = unit.body.find((m: { direction: string }) => m.direction === 'inbound');
    assert.equal(masked.fromNumber, `${citizen.slice(0, citizen.length - 8)}****${citizen.slice(-4)}`);
    assert.equal(unit.body.find((m: { templateCode: string }) => m.templateCode === 'sms.dispatchNotice').toNumber, '+8653181010001', "a unit's duty phone is not masked");
    assert.equal((await getJson(`${stack.api.url}/api/cases/${caseId}/messages`, as('otherUnitHandler'))).status, 404);
    assert.equal((await getJson(`${stack.api.url}/api/cases/${caseId}/messages`, {})).status, 401);
    await handle.terminate('test finished');
  });
});
