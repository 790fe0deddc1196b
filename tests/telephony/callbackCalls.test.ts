// Survey calls (回访电话) end to end: the callback workflow places calls with the real twilio
// client on the local Twilio endpoint, which plays them as the citizen's scripted phone answers:
// the signed status callbacks, the survey TwiML, the keypad answer. Twilio's retries and late
// callbacks, and forged or malformed requests, are posted by the tests.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import twilio from 'twilio';
import type { CallView } from '../../dev/localTwilio';
import { computeIndicatorCounts, computeIndicators } from '../../statistics/indicators';
import { callbackWorkflowId } from '../../workflows/callback/definitions';
import type { CallbackOutcome } from '../../workflows/callback/workflow';
import { testPrisma } from '../support/db';
import { recordHistory } from '../support/histories';
import { assertProjectionMatches, waitUntil } from '../support/petitions';
import { useTelephonyStack } from '../support/telephonyStack';
import { postSignedWebhook, TEST_HOTLINE_NUMBER, TEST_TWILIO_ACCOUNT_SID, TEST_TWILIO_AUTH_TOKEN } from '../support/twilio';

/** Rings longer than any test here takes: the call stays unanswered while the test posts to it. */
const RINGING = { answer: 'no-answer', ringMs: 120_000 } as const;

/** A request the endpoint made about a call, as its log keeps it. */
interface Webhook {
  purpose: string;
  url: string;
  params: Record<string, string>;
  status: number;
  contentType: string;
  answer: string;
}

describe('survey calls through the local Twilio endpoint (test server from Mon 2026-11-23 10:00)', () => {
  const t = useTelephonyStack({ timeSkippingFrom: '2026-11-23 10:00' });

  async function inCallback(citizenPhone: string): Promise<{ handle: WorkflowHandle; callbackId: string; child: WorkflowHandle }> {
    const { handle, callbackId } = await t.h.registerInCallback(citizenPhone);
    return { handle, callbackId, child: t.env.client.workflow.getHandle(callbackWorkflowId(callbackId)) };
  }

  const callsTo = (to: string) => t.twilio.calls().filter((c) => c.direction === 'outbound-api' && c.to === to);
  /** The nth call placed to `to`, once the workflow has stored its CallSid. */
  async function callTo(to: string, nth = 1): Promise<CallView> {
    await waitUntil(async () => callsTo(to).length >= nth);
    const call = callsTo(to)[nth - 1]!;
    await waitUntil(async () => (await testPrisma().callbackAttempt.count({ where: { callSid: call.sid } })) === 1);
    return call;
  }
  /** The product's Calls.create request for a call, as the endpoint's REST log keeps it. */
  const createRequest = (sid: string): Record<string, unknown> => {
    const exchange = t.twilio.restRequests().find((r) => r.method === 'POST' && r.path.endsWith('/Calls.json') && (r.response as { sid?: string }).sid === sid);
    assert.ok(exchange, `no Calls.create for ${sid}`);
    return exchange.body;
  };
  const webhooks = (sid: string): Webhook[] => (t.twilio.call(sid)?.log ?? []).filter((e) => e.kind === 'webhook') as unknown as Webhook[];
  const statusCallbacks = (sid: string) => webhooks(sid).filter((w) => w.purpose.startsWith('status:'));
  const twimlRequests = (sid: string) => webhooks(sid).filter((w) => w.purpose === 'twiml');
  const voiceParams = (call: CallView, extra: Record<string, string>) => ({
    AccountSid: TEST_TWILIO_ACCOUNT_SID, CallSid: call.sid, From: call.from, To: call.to, Direction: 'outbound-api', ApiVersion: '2010-04-01', ...extra,
  });
  const attempts = (callbackId: string) => testPrisma().callbackAttempt.findMany({ where: { callbackId }, orderBy: { attemptNo: 'asc' } });
  const unescape = (xml: string) => xml.replace(/&amp;/g, '&');
  const gatherAction = (xml: string) => {
    const match = /<Gather input="dtmf" numDigits="1" timeout="8" action="([^"]+)" method="POST">/.exec(xml);
    assert.ok(match, xml);
    return unescape(match[1]!);
  };
  const signalsOf = async (child: WorkflowHandle, name: string) =>
    (await child.fetchHistory()).events!.filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === name).length;

  it('calls the citizen, plays the survey, takes 1 after a wrong key, asks "resolved?" and closes the case as satisfied and resolved', async () => {
    // A wrong key, then 1 after two seconds' thought; then 1 (resolved) to the second question.
    t.twilio.scriptPhone('+8613955556666', { answers: [{ digits: '7' }, { digits: '1', keyingMs: 2000 }, { digits: '1' }] });
    const { handle, callbackId, child } = await inCallback('13955556666');
    const placed = await callTo('+8613955556666');
    const request = createRequest(placed.sid);
    assert.deepEqual(
      { from: request.From, method: request.Method, events: request.StatusCallbackEvent, timeout: request.Timeout },
      { from: TEST_HOTLINE_NUMBER, method: 'POST', events: ['initiated', 'ringing', 'answered', 'completed'], timeout: '30' },
    );
    assert.equal(request.Url, `${t.api.url}/telephony/callback/survey?callbackId=${callbackId}&attemptNo=1`);
    assert.equal(request.StatusCallback, `${t.api.url}/telephony/callback/status?callbackId=${callbackId}&attemptNo=1`);
    const row = await testPrisma().call.findUniqueOrThrow({ where: { id: placed.sid } });
    assert.deepEqual([row.callSid, row.direction, row.purpose, row.toNumber, row.callbackAttemptId, row.caseId], [placed.sid, 'outbound', 'callback', '+8613955556666', `${callbackId}-1`, handle.workflowId]);

    // The wrong key is answered (asked once more) while the citizen still thinks: nothing recorded yet.
    await waitUntil(async () => twimlRequests(placed.sid).length >= 2);
    assert.equal((await attempts(callbackId))[0]!.outcome, 'calling');
    const call = await t.twilio.waitForCall(placed.sid);
    assert.equal(call.status, 'completed');

    assert.deepEqual(statusCallbacks(call.sid).map((w) => [w.params.CallStatus, w.status]), [['initiated', 200], ['ringing', 200], ['in-progress', 200], ['completed', 200]]);
    const [survey, wrong, answered, resolved] = twimlRequests(call.sid);
    assert.equal(twimlRequests(call.sid).length, 4);
    assert.equal(survey!.url, request.Url);
    assert.equal(survey!.status, 200);
    assert.match(survey!.contentType, /^text\/xml/);
    const spokenCaseNo = handle.workflowId.replace(/\d/g, (d) => '零一二三四五六七八九'[Number(d)]!);
    assert.ok(survey!.answer.includes(`<Say language="zh-CN">您好，这里是12345热线。关于您反映的受理号${spokenCaseNo}的问题，满意请按1，基本满意请按2，不满意请按3。</Say>`), survey!.answer);
    const firstAction = gatherAction(survey!.answer);
    assert.equal(firstAction, `${t.api.url}/telephony/callback/answer?callbackId=${callbackId}&attemptNo=1&try=1`);
    assert.ok(unescape(survey!.answer).includes(`<Redirect method="POST">${firstAction}</Redirect>`), 'no key: the action decides');

    // The wrong key: asked once more.
    assert.deepEqual([wrong!.url, wrong!.params.Digits, wrong!.status], [firstAction, '7', 200]);
    assert.ok(wrong!.answer.includes('抱歉，没有听清您的选择。'), wrong!.answer);
    const secondAction = gatherAction(wrong!.answer);
    assert.ok(secondAction.endsWith('&try=2'));
    assert.deepEqual([answered!.url, answered!.params.Digits], [secondAction, '1']);
    // The satisfaction key is followed by the second question, on its own action.
    assert.ok(answered!.answer.includes('<Say language="zh-CN">请问您反映的问题是否已经解决？已解决请按1，未解决请按2。</Say>'), answered!.answer);
    const resolvedAction = gatherAction(answered!.answer);
    assert.equal(resolvedAction, `${t.api.url}/telephony/callback/resolved?callbackId=${callbackId}&attemptNo=1&try=1`);
    assert.deepEqual([resolved!.url, resolved!.params.Digits], [resolvedAction, '1']);
    assert.match(resolved!.answer, /感谢您对12345热线工作的评价，再见。<\/Say><Hangup\/>/);
    assert.ok(call.said.some((text) => text.includes('感谢您对12345热线工作的评价')), call.said.join('\n'));

    assert.deepEqual(await child.result(), { callbackId, outcome: 'answered', attempts: 1 } satisfies CallbackOutcome);
    await waitUntil(async () => (await t.h.state(handle)).status === 'closed');
    const state = await t.h.state(handle);
    assert.deepEqual([state.satisfaction, state.callbacks[0]!.resolved, state.callbacks[0]!.method, state.callbacks[0]!.outcome], ['satisfied', true, 'phoneCall', 'reached']);
    await assertProjectionMatches(state);
    assert.equal((await testPrisma().callback.findUniqueOrThrow({ where: { id: callbackId } })).resolved, true);
    assert.deepEqual((await attempts(callbackId)).map((a) => [a.attemptNo, a.method, a.outcome, a.callSid]), [[1, 'phoneCall', 'answered', call.sid]]);
    const ended = await testPrisma().call.findUniqueOrThrow({ where: { id: call.sid } });
    assert.ok(call.durationSec! >= 2, `the citizen took two seconds: ${call.durationSec} s`);
    assert.equal(statusCallbacks(call.sid).at(-1)!.params.CallDuration, String(call.durationSec));
    assert.deepEqual([ended.status, ended.durationSec, ended.answeredAt !== null, ended.endedAt !== null], ['completed', call.durationSec, true, true]);
    assert.equal(callsTo(call.to).length, 1, 'no further call');
    await recordHistory('callback-child-call-answered', child);
  });

  it('refers the case to the office for its decision when the citizen presses 3', async () => {
    // 3 (unsatisfied), then a wrong key and 2 (not resolved) to the second question.
    t.twilio.scriptPhone('+8613955557777', { answers: [{ digits: '3' }, { digits: '0' }, { digits: '2' }] });
    const { handle, callbackId, child } = await inCallback('13955557777');
    const call = await callTo('+8613955557777');
    // Twilio retries the answer as soon as the endpoint has had ours: answered again, not sent again.
    const answerOf = () => twimlRequests(call.sid).find((w) => w.params.Digits === '3');
    await waitUntil(async () => answerOf() !== undefined);
    const answer = answerOf()!;
    const retried = await postSignedWebhook(answer.url, answer.params);
    assert.match(answer.answer, /请问您反映的问题是否已经解决/);
    assert.equal(await retried.text(), answer.answer);
    assert.equal((await t.twilio.waitForCall(call.sid)).status, 'completed');
    const [, , wrong, resolved] = twimlRequests(call.sid);
    assert.ok(wrong!.url.includes('/telephony/callback/resolved?') && wrong!.url.endsWith('&try=1'), wrong!.url);
    assert.match(wrong!.answer, /抱歉，没有听清您的选择。.*请问您反映的问题是否已经解决/);
    assert.deepEqual([resolved!.params.Digits, resolved!.url.endsWith('&try=2')], ['2', true]);
    assert.match(resolved!.answer, /<Hangup\/>/);
    assert.equal((await child.result()).outcome, 'answered');
    assert.equal(await signalsOf(child, 'surveyAnswered'), 1, 'the retried key was not sent again');
    await waitUntil(async () => (await t.h.state(handle)).status === 'awaitingUnsatisfiedDecision');
    const state = await t.h.state(handle);
    assert.deepEqual([state.status, state.satisfaction, state.callbacks[0]!.resolved, state.counters.rehandles], ['awaitingUnsatisfiedDecision', 'unsatisfied', false, 0]);
    assert.equal(state.assignments.find((a) => a.id === state.leadAssignmentId)!.unitId, 'chengguan');
    await assertProjectionMatches(state);
    assert.equal(await signalsOf(child, 'surveyAnswered'), 1);
    assert.equal(await testPrisma().telephonyWebhook.count({ where: { dedupeKey: `callbackSurveyKey:${call.sid}:answer` } }), 1);
    assert.deepEqual((await attempts(callbackId)).map((a) => a.outcome), ['answered']);
  });

  it('calls three times (no answer, busy, failed) with the retry pause between, then sends the survey SMS, then gives up', async () => {
    const citizen = '+8613955558888';
    // Twilio does not promise the order of status callbacks: this phone's "ringing" ones come last.
    t.twilio.scriptPhone(citizen, { answer: ['no-answer', 'busy', 'failed'], lateCallbacks: ['ringing'] });
    const { handle, callbackId, child } = await inCallback(citizen);
    const first = await callTo(citizen);
    assert.equal((await t.twilio.waitForCall(first.sid)).status, 'no-answer');
    assert.deepEqual(statusCallbacks(first.sid).map((w) => [w.params.CallStatus, w.status]), [['initiated', 200], ['no-answer', 200], ['ringing', 200]]);
    await waitUntil(async () => (await attempts(callbackId))[0]?.outcome === 'no-answer');
    await t.env.sleep('29 minutes');
    assert.equal(callsTo(citizen).length, 1, 'the next call waits callback.callRetryMinutes');
    await t.env.sleep('2 minutes');

    const second = await callTo(citizen, 2);
    assert.equal((await t.twilio.waitForCall(second.sid)).status, 'busy');
    // The late "ringing" does not undo the final status.
    assert.deepEqual(statusCallbacks(second.sid).map((w) => [w.params.CallStatus, w.status]), [['initiated', 200], ['busy', 200], ['ringing', 200]]);
    assert.equal((await testPrisma().call.findUniqueOrThrow({ where: { id: second.sid } })).status, 'busy');
    await waitUntil(async () => (await attempts(callbackId))[1]?.outcome === 'busy');
    // Twilio delivers the busy callback again: nothing changes a second time.
    const before = await testPrisma().call.findUniqueOrThrow({ where: { id: second.sid } });
    const busy = statusCallbacks(second.sid).find((w) => w.params.CallStatus === 'busy')!;
    const retried = await postSignedWebhook(busy.url, busy.params);
    assert.equal(retried.status, 200);
    assert.equal(await testPrisma().telephonyWebhook.count({ where: { dedupeKey: `callbackCallStatus:${second.sid}:busy` } }), 1);
    assert.deepEqual(await testPrisma().call.findUniqueOrThrow({ where: { id: second.sid } }), before);
    assert.equal(await signalsOf(child, 'surveyCallEnded'), 2, 'one end signal per call');
    await t.env.sleep('31 minutes');

    const third = await callTo(citizen, 3);
    assert.equal((await t.twilio.waitForCall(third.sid)).status, 'failed');
    assert.deepEqual(statusCallbacks(third.sid).map((w) => [w.params.CallStatus, w.status]), [['initiated', 200], ['failed', 200]]);
    await waitUntil(async () => (await testPrisma().smsMessage.count({ where: { caseId: handle.workflowId, templateCode: 'sms.survey' } })) === 1);
    const survey = await testPrisma().smsMessage.findFirstOrThrow({ where: { caseId: handle.workflowId, templateCode: 'sms.survey' } });
    assert.deepEqual([survey.toNumber, survey.direction], [citizen, 'outbound']);
    const sms = await t.twilio.waitForMessage({ to: citizen, bodyIncludes: '回复两位数字', status: 'delivered' });
    await waitUntil(async () => (await testPrisma().smsMessage.findUniqueOrThrow({ where: { id: survey.id } })).status === 'delivered');
    assert.equal((await testPrisma().smsMessage.findUniqueOrThrow({ where: { id: survey.id } })).messageSid, sms.sid);
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

  it('keeps the satisfaction key of a citizen who hangs up at the "resolved?" question (resolved unknown)', async () => {
    t.twilio.scriptPhone('+8613955553333', { answers: [{ digits: '2' }, { hangup: true }] });
    const { handle, callbackId, child } = await inCallback('13955553333');
    const call = await callTo('+8613955553333');
    assert.equal((await t.twilio.waitForCall(call.sid)).status, 'completed');
    assert.deepEqual(await child.result(), { callbackId, outcome: 'answered', attempts: 1 } satisfies CallbackOutcome);
    await waitUntil(async () => (await t.h.state(handle)).status === 'closed');
    const state = await t.h.state(handle);
    assert.deepEqual([state.satisfaction, state.callbacks[0]!.resolved, state.callbacks[0]!.outcome], ['basicallySatisfied', null, 'reached']);
    assert.deepEqual((await attempts(callbackId)).map((a) => a.outcome), ['answered']);
    await assertProjectionMatches(state);
  });

  it('counts "resolved?" answered by phone and by SMS in the unit\'s 解决率', async () => {
    const month = { from: '2026-11-01', to: '2026-11-30', groupBy: 'unit' } as const;
    const chengguan = async () => (await computeIndicatorCounts(testPrisma(), month)).get('chengguan');
    const before = (await chengguan()) ?? { resolutionAnswered: 0, resolvedCount: 0 };

    // By phone: satisfied (1), resolved (1).
    t.twilio.scriptPhone('+8613955554444', { answers: [{ digits: '1' }, { digits: '1' }] });
    const byPhone = await inCallback('13955554444');
    await t.twilio.waitForCall((await callTo('+8613955554444')).sid);
    await byPhone.child.result();

    // By SMS: three calls nobody answers, then the survey SMS, answered "2 2": basically
    // satisfied, not resolved.
    const texter = '+8613955554455';
    t.twilio.scriptPhone(texter, { answer: ['no-answer', 'no-answer', 'no-answer'] });
    const bySms = await inCallback(texter);
    for (let n = 1; n <= 3; n++) {
      await t.twilio.waitForCall((await callTo(texter, n)).sid);
      await waitUntil(async () => (await attempts(bySms.callbackId))[n - 1]?.outcome === 'no-answer');
      if (n < 3) await t.env.sleep('31 minutes');
    }
    await t.twilio.waitForMessage({ to: texter, bodyIncludes: '回复两位数字', status: 'delivered' });
    const reply = await t.twilio.sendSms({ from: texter, to: TEST_HOTLINE_NUMBER, body: '2 2' });
    assert.equal(reply.replies[0]!.body, `【12345热线】您对受理号${bySms.handle.workflowId}的评价（基本满意，问题未解决）已收到，感谢您的反馈。`);
    assert.deepEqual(await bySms.child.result(), { callbackId: bySms.callbackId, outcome: 'answered', attempts: 4 } satisfies CallbackOutcome);

    for (const [{ handle, callbackId }, method, resolved] of [[byPhone, 'phoneCall', true], [bySms, 'sms', false]] as const) {
      await waitUntil(async () => (await t.h.state(handle)).status === 'closed');
      const state = await t.h.state(handle);
      assert.deepEqual([state.callbacks[0]!.method, state.callbacks[0]!.resolved], [method, resolved]);
      await assertProjectionMatches(state);
      const row = await testPrisma().callback.findUniqueOrThrow({ where: { id: callbackId } });
      assert.deepEqual([row.method, row.resolved], [method, resolved]);
    }

    // Both answers count: two more answered "resolved?", one of them resolved.
    const after = (await chengguan())!;
    assert.deepEqual([after.resolutionAnswered - before.resolutionAnswered, after.resolvedCount - before.resolvedCount], [2, 1]);
    const row = (await computeIndicators(testPrisma(), month)).rows.find((r) => r.key === 'chengguan')!;
    assert.equal(row.resolutionRate, after.resolvedCount / after.resolutionAnswered);
  });

  it('counts a call picked up and hung up without a key as unanswered', async () => {
    t.twilio.scriptPhone('+8613955559999', { answer: ['answer', 'no-answer'], answers: [{ hangup: true }] });
    const { callbackId } = await inCallback('13955559999');
    const call = await callTo('+8613955559999');
    const ended = await t.twilio.waitForCall(call.sid);
    assert.equal(ended.status, 'completed');
    assert.equal(twimlRequests(call.sid).length, 1, 'picked up: the survey was played');
    await waitUntil(async () => (await attempts(callbackId))[0]?.outcome === 'hung-up');
    await t.env.sleep('31 minutes');
    await callTo('+8613955559999', 2);
  });

  it('refuses a bad or missing signature with 403 and records nothing', async () => {
    t.twilio.scriptPhone('+8613955550000', RINGING);
    const { callbackId } = await inCallback('13955550000');
    const call = await callTo('+8613955550000');
    const { Url: url, StatusCallback: statusCallback } = createRequest(call.sid) as { Url: string; StatusCallback: string };
    // What Twilio posted (initiated, ringing) is recorded; nothing the forged requests say is.
    await waitUntil(async () => statusCallbacks(call.sid).some((w) => w.params.CallStatus === 'ringing'));
    const recorded = await testPrisma().telephonyWebhook.count({ where: { sid: call.sid } });
    assert.equal(recorded, 2);
    const params = voiceParams(call, { CallStatus: 'no-answer' });
    for (const signature of ['bm90IGEgc2lnbmF0dXJl', '']) {
      const refused = await postSignedWebhook(statusCallback, params, { signature });
      assert.equal(refused.status, 403);
      assert.equal((await postSignedWebhook(url, params, { signature })).status, 403);
    }
    // Signed for another URL (another attempt): refused too.
    const forged = await fetch(statusCallback.replace('attemptNo=1', 'attemptNo=2'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(TEST_TWILIO_AUTH_TOKEN, statusCallback, params) },
      body: new URLSearchParams(params).toString(),
    });
    assert.equal(forged.status, 403);
    assert.equal(await testPrisma().telephonyWebhook.count({ where: { sid: call.sid } }), recorded);
    assert.equal((await testPrisma().call.findUniqueOrThrow({ where: { id: call.sid } })).status, 'ringing');
    assert.equal((await attempts(callbackId))[0]!.outcome, 'calling');
    assert.equal(t.twilio.call(call.sid)!.status, 'ringing', 'still ringing: the test ran inside the call');
  });

  it('answers calls it does not know with a polite goodbye, and malformed ones with 400', async () => {
    t.twilio.scriptPhone('+8613955551111', RINGING);
    const { callbackId } = await inCallback('13955551111');
    const call = await callTo('+8613955551111');
    const { Url: url, StatusCallback: statusCallback } = createRequest(call.sid) as { Url: string; StatusCallback: string };
    await waitUntil(async () => statusCallbacks(call.sid).some((w) => w.params.CallStatus === 'ringing'));
    const recorded = await testPrisma().telephonyWebhook.count({ where: { sid: call.sid } });
    const stranger = { ...call, sid: `CA${randomBytes(16).toString('hex')}` };
    const base = `${t.api.url}/telephony/callback`;
    const unknown = [`${base}/survey?callbackId=nope&attemptNo=1`, `${base}/survey`, `${base}/answer?callbackId=${callbackId}&attemptNo=9&try=1`, `${base}/answer?callbackId=${callbackId}&attemptNo=x`];
    for (const unknownUrl of unknown) {
      const answer = await postSignedWebhook(unknownUrl, voiceParams(call, { Digits: '1' }));
      assert.equal(answer.status, 200, unknownUrl);
      assert.match(await answer.text(), /本次回访已结束，感谢您的支持，再见。<\/Say><Hangup\/>/);
    }
    // Another call presenting this attempt's URLs.
    const foreign = await (await postSignedWebhook(url, voiceParams(stranger, {}))).text();
    assert.match(foreign, /<Hangup\/>/);
    const foreignEnd = await postSignedWebhook(statusCallback, voiceParams(stranger, { CallStatus: 'completed' }));
    assert.equal(foreignEnd.status, 200);
    assert.equal(await foreignEnd.text(), '<?xml version="1.0" encoding="UTF-8"?><Response/>');
    assert.equal(await testPrisma().call.count({ where: { id: stranger.sid } }), 0);

    const malformed = await postSignedWebhook(statusCallback, voiceParams(call, { CallSid: 'not-a-sid', CallStatus: 'completed' }));
    assert.equal(malformed.status, 400);
    assert.deepEqual(Object.keys(((await malformed.json()) as { error: { fields: object } }).error.fields), ['CallSid']);
    const badStatus = await postSignedWebhook(statusCallback, voiceParams(call, { CallStatus: 'exploded' }));
    assert.equal(badStatus.status, 400);
    assert.equal(await testPrisma().telephonyWebhook.count({ where: { sid: call.sid } }), recorded);
    assert.equal((await attempts(callbackId))[0]!.outcome, 'calling');
  });

  it('calls nobody who opted out: the survey goes the SMS way (not sent either), then unreachable', async () => {
    await testPrisma().smsOptOut.upsert({ where: { phone: '+8613955552222' }, create: { phone: '+8613955552222' }, update: {} });
    const { handle, callbackId, child } = await inCallback('+8613955552222');
    assert.deepEqual(await child.result(), { callbackId, outcome: 'unreachable', attempts: 1 } satisfies CallbackOutcome);
    assert.equal(callsTo('+8613955552222').length, 0);
    assert.deepEqual((await attempts(callbackId)).map((a) => [a.method, a.outcome]), [['sms', 'no-answer']]);
    assert.equal(await testPrisma().smsMessage.count({ where: { caseId: handle.workflowId, toNumber: '+8613955552222' } }), 0);
    assert.deepEqual(t.twilio.messages({ to: '+8613955552222' }), []);
  });

  it('counts calls Twilio refuses (invalid number) as failed attempts and moves on to the SMS', async () => {
    // Past E.164's 15 digits: Twilio refuses the call (21211).
    const invalid = '+86139555533330000';
    const { handle, callbackId, child } = await inCallback(invalid);
    assert.deepEqual(await child.result(), { callbackId, outcome: 'unreachable', attempts: 4 } satisfies CallbackOutcome);
    assert.deepEqual((await attempts(callbackId)).map((a) => [a.method, a.outcome, a.callSid]), [['phoneCall', 'failed', null], ['phoneCall', 'failed', null], ['phoneCall', 'failed', null], ['sms', 'no-answer', null]]);
    assert.equal(await testPrisma().smsMessage.count({ where: { caseId: handle.workflowId, templateCode: 'sms.survey' } }), 1);
    const refused = t.twilio.restRequests().filter((r) => r.method === 'POST' && r.path.endsWith('/Calls.json') && r.body.To === invalid);
    assert.ok(refused.length >= 3 && refused.every((r) => r.status === 400 && (r.response as { code: number }).code === 21211), JSON.stringify(refused.map((r) => r.response)));
    assert.equal(callsTo(invalid).length, 0);
  });
});
