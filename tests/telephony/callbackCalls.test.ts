// Survey calls (回访电话) end to end: the callback workflow places calls with the real twilio
// client (answered here by a Calls.json stand-in), and the tests post the call's webhooks to the
// API, signed, as Twilio would: the survey TwiML, the keypad answer, the status callbacks.
import assert from 'node:assert/strict';
import type { WorkflowHandle } from '@temporalio/client';
import twilio from 'twilio';
import { callbackWorkflowId } from '../../workflows/callback/definitions';
import type { CallbackOutcome } from '../../workflows/callback/workflow';
import { useCallbackCallStack } from '../support/callbackCalls';
import { testPrisma } from '../support/db';
import { recordHistory } from '../support/histories';
import { actors } from '../support/lifecycle';
import { assertProjectionMatches, waitUntil } from '../support/petitions';
import { postSignedWebhook, TEST_HOTLINE_NUMBER, TEST_TWILIO_ACCOUNT_SID, TEST_TWILIO_AUTH_TOKEN } from '../support/twilio';
import { newCallSid, type CallRequest } from '../support/twilioCallsApi';

const RESULT = { actionsTaken: '已清理', replyToCitizen: '摊贩已劝离。', handlerName: '张三', citizenContacted: true, resolved: true };

describe('survey calls through Twilio webhooks (test server from Mon 2026-11-23 10:00)', () => {
  const t = useCallbackCallStack('2026-11-23 10:00');

  async function inCallback(citizenPhone: string): Promise<{ handle: WorkflowHandle; callbackId: string; child: WorkflowHandle }> {
    const handle = await t.h.register({ citizenPhone });
    await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    await t.h.command(handle, 'signFor', {}, actors.leadHandler);
    await t.h.command(handle, 'submitResult', RESULT, actors.leadHandler);
    await t.h.command(handle, 'unitApprove', {}, actors.leadLeader);
    const state = await t.h.command(handle, 'review', { accept: true }, actors.dispatcher);
    const callbackId = state.callbacks.at(-1)!.id;
    return { handle, callbackId, child: t.env.client.workflow.getHandle(callbackWorkflowId(callbackId)) };
  }

  /** The next call placed to `to`, once the workflow has stored its CallSid. */
  async function callTo(to: string, nth = 1): Promise<CallRequest> {
    await waitUntil(async () => t.twilio.calls.filter((c) => c.to === to).length >= nth);
    const call = t.twilio.calls.filter((c) => c.to === to)[nth - 1]!;
    await waitUntil(async () => (await testPrisma().callbackAttempt.count({ where: { callSid: call.sid } })) === 1);
    return call;
  }

  const voiceParams = (call: CallRequest, extra: Record<string, string>) => ({
    AccountSid: TEST_TWILIO_ACCOUNT_SID, CallSid: call.sid, From: call.from, To: call.to, Direction: 'outbound-api', ApiVersion: '2010-04-01', ...extra,
  });
  const status = (call: CallRequest, callStatus: string, extra: Record<string, string> = {}) => postSignedWebhook(call.statusCallback!, voiceParams(call, { CallStatus: callStatus, ...extra }));
  const pickUp = async (call: CallRequest) => {
    for (const s of ['initiated', 'ringing', 'in-progress']) assert.equal((await status(call, s)).status, 200);
    return postSignedWebhook(call.url, voiceParams(call, { CallStatus: 'in-progress' }));
  };
  const attempts = (callbackId: string) => testPrisma().callbackAttempt.findMany({ where: { callbackId }, orderBy: { attemptNo: 'asc' } });
  const unescape = (xml: string) => xml.replace(/&amp;/g, '&');
  const gatherAction = (xml: string) => {
    const match = /<Gather input="dtmf" numDigits="1" timeout="8" action="([^"]+)" method="POST">/.exec(xml);
    assert.ok(match, xml);
    return unescape(match[1]!);
  };
  const signalsOf = async (child: WorkflowHandle, name: string) =>
    (await child.fetchHistory()).events!.filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === name).length;

  it('calls the citizen, plays the survey, takes 1 after a wrong key and closes the case as satisfied', async () => {
    const { handle, callbackId, child } = await inCallback('13955556666');
    const call = await callTo('+8613955556666');
    assert.deepEqual(
      { from: call.from, method: call.method, events: call.statusCallbackEvents, timeout: call.timeout },
      { from: TEST_HOTLINE_NUMBER, method: 'POST', events: ['initiated', 'ringing', 'answered', 'completed'], timeout: '30' },
    );
    assert.equal(call.url, `${t.api.url}/telephony/callback/survey?callbackId=${callbackId}&attemptNo=1`);
    assert.equal(call.statusCallback, `${t.api.url}/telephony/callback/status?callbackId=${callbackId}&attemptNo=1`);
    const row = await testPrisma().call.findUniqueOrThrow({ where: { id: call.sid } });
    assert.deepEqual([row.callSid, row.direction, row.purpose, row.toNumber, row.callbackAttemptId, row.caseId], [call.sid, 'outbound', 'callback', '+8613955556666', `${callbackId}-1`, handle.workflowId]);

    const survey = await pickUp(call);
    assert.equal(survey.status, 200);
    assert.match(survey.headers.get('content-type')!, /^text\/xml/);
    const xml = await survey.text();
    const spokenCaseNo = handle.workflowId.replace(/\d/g, (d) => '零一二三四五六七八九'[Number(d)]!);
    assert.ok(xml.includes(`<Say language="zh-CN">您好，这里是12345热线。关于您反映的受理号${spokenCaseNo}的问题，满意请按1，基本满意请按2，不满意请按3。</Say>`), xml);
    const firstAction = gatherAction(xml);
    assert.equal(firstAction, `${t.api.url}/telephony/callback/answer?callbackId=${callbackId}&attemptNo=1&try=1`);
    assert.ok(unescape(xml).includes(`<Redirect method="POST">${firstAction}</Redirect>`), 'no key: the action decides');

    // A wrong key: asked once more.
    const wrong = await (await postSignedWebhook(firstAction, voiceParams(call, { Digits: '7' }))).text();
    assert.ok(wrong.includes('抱歉，没有听清您的选择。'), wrong);
    const secondAction = gatherAction(wrong);
    assert.ok(secondAction.endsWith('&try=2'));
    assert.equal((await attempts(callbackId))[0]!.outcome, 'calling');

    const answered = await (await postSignedWebhook(secondAction, voiceParams(call, { Digits: '1' }))).text();
    assert.match(answered, /感谢您对12345热线工作的评价，再见。<\/Say><Hangup\/>/);
    assert.equal((await status(call, 'completed', { CallDuration: '41' })).status, 200);

    assert.deepEqual(await child.result(), { callbackId, outcome: 'answered', attempts: 1 } satisfies CallbackOutcome);
    await waitUntil(async () => (await t.h.state(handle)).status === 'closed');
    const state = await t.h.state(handle);
    assert.deepEqual([state.satisfaction, state.callbacks[0]!.method, state.callbacks[0]!.outcome], ['satisfied', 'phoneCall', 'reached']);
    await assertProjectionMatches(state);
    assert.deepEqual((await attempts(callbackId)).map((a) => [a.attemptNo, a.method, a.outcome, a.callSid]), [[1, 'phoneCall', 'answered', call.sid]]);
    const ended = await testPrisma().call.findUniqueOrThrow({ where: { id: call.sid } });
    assert.deepEqual([ended.status, ended.durationSec, ended.answeredAt !== null, ended.endedAt !== null], ['completed', 41, true, true]);
    assert.equal(t.twilio.calls.filter((c) => c.to === call.to).length, 1, 'no further call');
    await recordHistory('callback-child-call-answered', child);
  });

  it('sends the case back to its unit when the citizen presses 3', async () => {
    const { handle, callbackId, child } = await inCallback('13955557777');
    const call = await callTo('+8613955557777');
    const action = gatherAction(await (await pickUp(call)).text());
    assert.match(await (await postSignedWebhook(action, voiceParams(call, { Digits: '3' }))).text(), /<Hangup\/>/);
    // Twilio retries the answer: thanked again, not sent again.
    assert.match(await (await postSignedWebhook(action, voiceParams(call, { Digits: '3' }))).text(), /<Hangup\/>/);
    await status(call, 'completed', { CallDuration: '20' });
    assert.equal((await child.result()).outcome, 'answered');
    await waitUntil(async () => (await t.h.state(handle)).counters.rehandles === 1);
    const state = await t.h.state(handle);
    assert.deepEqual([state.status, state.satisfaction], ['signed', 'unsatisfied']);
    assert.equal(state.assignments.find((a) => a.id === state.leadAssignmentId)!.unitId, 'chengguan');
    await assertProjectionMatches(state);
    assert.equal(await signalsOf(child, 'surveyAnswered'), 1);
    assert.deepEqual((await attempts(callbackId)).map((a) => a.outcome), ['answered']);
  });

  it('calls three times (no answer, busy, failed) with the retry pause between, then queues the survey SMS, then gives up', async () => {
    const { handle, callbackId, child } = await inCallback('13955558888');
    const first = await callTo('+8613955558888');
    assert.equal((await status(first, 'no-answer')).status, 200);
    await waitUntil(async () => (await attempts(callbackId))[0]?.outcome === 'no-answer');
    await t.env.sleep('29 minutes');
    assert.equal(t.twilio.calls.filter((c) => c.to === first.to).length, 1, 'the next call waits callback.callRetryMinutes');
    await t.env.sleep('2 minutes');

    const second = await callTo('+8613955558888', 2);
    assert.equal((await status(second, 'ringing')).status, 200);
    assert.equal((await status(second, 'busy')).status, 200);
    await waitUntil(async () => (await attempts(callbackId))[1]?.outcome === 'busy');
    // Twilio delivers the busy callback again: nothing changes a second time.
    const before = await testPrisma().call.findUniqueOrThrow({ where: { id: second.sid } });
    const retried = await status(second, 'busy');
    assert.equal(retried.status, 200);
    assert.equal(await testPrisma().telephonyWebhook.count({ where: { dedupeKey: `callbackCallStatus:${second.sid}:busy` } }), 1);
    assert.deepEqual(await testPrisma().call.findUniqueOrThrow({ where: { id: second.sid } }), before);
    assert.equal(await signalsOf(child, 'surveyCallEnded'), 2, 'one end signal per call');
    // A late "ringing" does not undo the final status.
    assert.equal((await status(second, 'initiated')).status, 200);
    assert.equal((await testPrisma().call.findUniqueOrThrow({ where: { id: second.sid } })).status, 'busy');
    await t.env.sleep('31 minutes');

    const third = await callTo('+8613955558888', 3);
    assert.equal((await status(third, 'failed')).status, 200);
    await waitUntil(async () => (await testPrisma().smsMessage.count({ where: { caseId: handle.workflowId, templateCode: 'sms.survey' } })) === 1);
    const survey = await testPrisma().smsMessage.findFirstOrThrow({ where: { caseId: handle.workflowId, templateCode: 'sms.survey' } });
    assert.deepEqual([survey.toNumber, survey.status, survey.direction], ['13955558888', 'queued', 'outbound']);
    assert.equal((await t.h.state(handle)).status, 'callback', 'the SMS waits for its answer');

    assert.deepEqual(await child.result(), { callbackId, outcome: 'unreachable', attempts: 4 } satisfies CallbackOutcome);
    await waitUntil(async () => (await t.h.state(handle)).status === 'closed');
    const state = await t.h.state(handle);
    assert.equal(state.callbacks[0]!.outcome, 'unreachable');
    await assertProjectionMatches(state);
    assert.deepEqual((await attempts(callbackId)).map((a) => [a.attemptNo, a.method, a.outcome, a.callSid]), [
      [1, 'phoneCall', 'no-answer', first.sid],
      [2, 'phoneCall', 'busy', second.sid],
      [3, 'phoneCall', 'failed', third.sid],
      [4, 'sms', 'no-answer', null],
    ]);
    const timers = (await child.fetchHistory()).events!.flatMap((e) => (e.timerStartedEventAttributes ? [Number(e.timerStartedEventAttributes.startToFireTimeout!.seconds)] : []));
    assert.deepEqual(timers, [240 * 60, 30 * 60, 240 * 60, 30 * 60, 240 * 60, 240 * 60], 'a capped wait per call, the retry pauses, the SMS wait');
    await recordHistory('callback-child-calls-unanswered', child);
  });

  it('counts a call picked up and hung up without a key as unanswered', async () => {
    const { callbackId } = await inCallback('13955559999');
    const call = await callTo('+8613955559999');
    await pickUp(call);
    await status(call, 'completed', { CallDuration: '6' });
    await waitUntil(async () => (await attempts(callbackId))[0]?.outcome === 'hung-up');
    await t.env.sleep('31 minutes');
    await callTo('+8613955559999', 2);
  });

  it('refuses a bad or missing signature with 403 and records nothing', async () => {
    const { callbackId } = await inCallback('13955550000');
    const call = await callTo('+8613955550000');
    const params = voiceParams(call, { CallStatus: 'no-answer' });
    for (const signature of ['bm90IGEgc2lnbmF0dXJl', '']) {
      const refused = await postSignedWebhook(call.statusCallback!, params, { signature });
      assert.equal(refused.status, 403);
      assert.equal((await postSignedWebhook(call.url, params, { signature })).status, 403);
    }
    // Signed for another URL (another attempt): refused too.
    const forged = await fetch(call.statusCallback!.replace('attemptNo=1', 'attemptNo=2'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(TEST_TWILIO_AUTH_TOKEN, call.statusCallback!, params) },
      body: new URLSearchParams(params).toString(),
    });
    assert.equal(forged.status, 403);
    assert.equal(await testPrisma().telephonyWebhook.count({ where: { sid: call.sid } }), 0);
    assert.equal((await testPrisma().call.findUniqueOrThrow({ where: { id: call.sid } })).status, 'queued');
    assert.equal((await attempts(callbackId))[0]!.outcome, 'calling');
  });

  it('answers calls it does not know with a polite goodbye, and malformed ones with 400', async () => {
    const { callbackId } = await inCallback('13955551111');
    const call = await callTo('+8613955551111');
    const stranger = { ...call, sid: newCallSid() };
    const base = `${t.api.url}/telephony/callback`;
    const unknown = [`${base}/survey?callbackId=nope&attemptNo=1`, `${base}/survey`, `${base}/answer?callbackId=${callbackId}&attemptNo=9&try=1`, `${base}/answer?callbackId=${callbackId}&attemptNo=x`];
    for (const url of unknown) {
      const answer = await postSignedWebhook(url, voiceParams(call, { Digits: '1' }));
      assert.equal(answer.status, 200, url);
      assert.match(await answer.text(), /本次回访已结束，感谢您的支持，再见。<\/Say><Hangup\/>/);
    }
    // Another call presenting this attempt's URLs.
    const foreign = await (await postSignedWebhook(call.url, voiceParams(stranger, {}))).text();
    assert.match(foreign, /<Hangup\/>/);
    const foreignEnd = await status(stranger, 'completed');
    assert.equal(foreignEnd.status, 200);
    assert.equal(await foreignEnd.text(), '<?xml version="1.0" encoding="UTF-8"?><Response/>');
    assert.equal(await testPrisma().call.count({ where: { id: stranger.sid } }), 0);

    const malformed = await postSignedWebhook(call.statusCallback!, voiceParams(call, { CallSid: 'not-a-sid', CallStatus: 'completed' }));
    assert.equal(malformed.status, 400);
    assert.deepEqual(Object.keys(((await malformed.json()) as { error: { fields: object } }).error.fields), ['CallSid']);
    const badStatus = await postSignedWebhook(call.statusCallback!, voiceParams(call, { CallStatus: 'exploded' }));
    assert.equal(badStatus.status, 400);
    assert.equal(await testPrisma().telephonyWebhook.count({ where: { sid: call.sid } }), 0);
    assert.equal((await attempts(callbackId))[0]!.outcome, 'calling');
  });

  it('calls nobody who opted out: the survey goes the SMS way (not sent either), then unreachable', async () => {
    await testPrisma().smsOptOut.upsert({ where: { phone: '+8613955552222' }, create: { phone: '+8613955552222' }, update: {} });
    const { handle, callbackId, child } = await inCallback('+8613955552222');
    assert.deepEqual(await child.result(), { callbackId, outcome: 'unreachable', attempts: 1 } satisfies CallbackOutcome);
    assert.equal(t.twilio.calls.filter((c) => c.to === '+8613955552222').length, 0);
    assert.deepEqual((await attempts(callbackId)).map((a) => [a.method, a.outcome]), [['sms', 'no-answer']]);
    assert.equal(await testPrisma().smsMessage.count({ where: { caseId: handle.workflowId, toNumber: '+8613955552222' } }), 0);
  });

  it('counts calls Twilio refuses (invalid number) as failed attempts and moves on to the SMS', async () => {
    t.twilio.refusedNumbers.add('+8613955553333');
    const { handle, callbackId, child } = await inCallback('13955553333');
    assert.deepEqual(await child.result(), { callbackId, outcome: 'unreachable', attempts: 4 } satisfies CallbackOutcome);
    assert.deepEqual((await attempts(callbackId)).map((a) => [a.method, a.outcome, a.callSid]), [['phoneCall', 'failed', null], ['phoneCall', 'failed', null], ['phoneCall', 'failed', null], ['sms', 'no-answer', null]]);
    assert.equal(await testPrisma().smsMessage.count({ where: { caseId: handle.workflowId, templateCode: 'sms.survey' } }), 1);
  });
});
