// The satisfaction callback (回访) as a child workflow: calls, then an SMS, then unreachable. The
// calls go to the local Twilio endpoint, where the citizen's phone keeps ringing (its status
// callbacks come after the test); the telephony layer's signals are sent here directly
// (tests/telephony/callbackCalls.test.ts lets the endpoint play the calls through the webhooks).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { callbackWorkflowId, surveyAnsweredSignal, surveyCallEndedSignal, surveyResolvedSignal } from '../../workflows/callback/definitions';
import { testPrisma } from '../support/db';
import { recordHistory } from '../support/histories';
import { actors } from '../support/lifecycle';
import { assertProjectionMatches, waitUntil } from '../support/petitions';
import { useTelephonyStack } from '../support/telephonyStack';

const newCallSid = () => `CA${randomBytes(16).toString('hex')}`;
/** Rings longer than any test here takes: the call is still ringing while the test signals. */
const RINGING = { answer: 'no-answer', ringMs: 120_000 } as const;


// Cases are left running, not terminated: a workflow terminated with an activity in flight keeps
// the time-skipping server from skipping time for the tests after it.
describe('callback workflow (test server from Mon 2026-11-23 10:00)', () => {
  const t = useTelephonyStack({ timeSkippingFrom: '2026-11-23 10:00' });

  async function inCallback(citizenPhone: string): Promise<{ handle: WorkflowHandle; callbackId: string; child: WorkflowHandle; callSid: string }> {
    t.twilio.scriptPhone(citizenPhone, RINGING);
    const { handle, callbackId } = await t.h.registerInCallback(citizenPhone);
    await waitUntil(async () => (await testPrisma().callbackAttempt.findFirst({ where: { callbackId, callSid: { not: null } } })) !== null);
    const { callSid } = await testPrisma().callbackAttempt.findFirstOrThrow({ where: { callbackId } });
    return { handle, callbackId, child: t.env.client.workflow.getHandle(callbackWorkflowId(callbackId)), callSid: callSid! };
  }

  /**
   * Closed, or already archived: awaiting a child's result lets the test server skip time, and
   * a skip may pass the closed case's re-review window (CI once saw it archived).
   */
  const caseEnded = (state: { status: string }) => state.status === 'closed' || state.status === 'archived';
  const attempts = (callbackId: string) => testPrisma().callbackAttempt.findMany({ where: { callbackId }, orderBy: { attemptNo: 'asc' } });
  /**
   * Until the workflow has taken every signal sent so far: a workflow task completed after the
   * last of them and none is pending. The completed task may be followed by its commands' events
   * (a timer started), so the history's last event is not the test.
   */
  const settled = (child: WorkflowHandle, signals: number) =>
    waitUntil(async () => {
      const events = (await child.fetchHistory()).events!;
      const signalIndexes = events.flatMap((e, i) => (e.workflowExecutionSignaledEventAttributes ? [i] : []));
      if (signalIndexes.length !== signals) return false;
      const lastCompleted = events.findLastIndex((e) => e.workflowTaskCompletedEventAttributes);
      const lastScheduled = events.findLastIndex((e) => e.workflowTaskScheduledEventAttributes);
      return lastCompleted > signalIndexes.at(-1)! && lastCompleted > lastScheduled;
    });

  it("ignores another call's signals, records the citizen's keypad answer and closes the case", async () => {
    const { handle, callbackId, child, callSid } = await inCallback('+8613955556666');
    assert.deepEqual((await attempts(callbackId)).map((a) => [a.attemptNo, a.method, a.outcome]), [[1, 'phoneCall', 'calling']]);
    const stranger = newCallSid();
    await child.signal(surveyAnsweredSignal, { satisfaction: 'unsatisfied', resolved: false, method: 'phoneCall', callSid: stranger });
    await child.signal(surveyCallEndedSignal, { callSid: stranger, outcome: 'busy' });
    await settled(child, 2);
    assert.equal((await attempts(callbackId))[0]!.outcome, 'calling', 'still waiting for its own call');
    assert.equal((await t.h.state(handle)).status, 'callback');

    await child.signal(surveyAnsweredSignal, { satisfaction: 'satisfied', resolved: null, method: 'phoneCall', callSid });
    await waitUntil(async () => (await t.h.state(handle)).status === 'closed');
    const state = await t.h.state(handle);
    assert.equal(state.satisfaction, 'satisfied');
    assert.equal(state.callbacks[0]!.method, 'phoneCall');
    await assertProjectionMatches(state);
    assert.deepEqual((await attempts(callbackId)).map((a) => a.outcome), ['answered']);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId: state.caseId, action: 'callbackRecorded' } });
    assert.equal(audit.actorId, 'system:callback');
    await recordHistory('callback-answered', handle);
  });

  it('takes an SMS reply while a call rings, as the answer of that attempt', async () => {
    const { handle, callbackId, child } = await inCallback('+8613955557777');
    await child.signal(surveyAnsweredSignal, { satisfaction: 'basicallySatisfied', resolved: true, method: 'sms' });
    assert.deepEqual(await child.result(), { callbackId, outcome: 'answered', attempts: 1 });
    assert.deepEqual((await attempts(callbackId)).map((a) => a.outcome), ['replied']);
    await waitUntil(async () => caseEnded(await t.h.state(handle)));
    const state = await t.h.state(handle);
    assert.deepEqual([state.satisfaction, state.callbacks[0]!.method], ['basicallySatisfied', 'sms']);
  });

  it('calls three times (each unheard of until its wait ends), then sends the survey by SMS, then closes the case as unreachable', async () => {
    const { handle, callbackId, child } = await inCallback('+8613955558888');
    assert.deepEqual(await child.result(), { callbackId, outcome: 'unreachable', attempts: 4 });
    await waitUntil(async () => caseEnded(await t.h.state(handle)));
    const state = await t.h.state(handle);
    assert.equal(state.callbacks[0]!.outcome, 'unreachable');
    await assertProjectionMatches(state);
    assert.deepEqual((await attempts(callbackId)).map((a) => [a.method, a.outcome]), [['phoneCall', 'no-answer'], ['phoneCall', 'no-answer'], ['phoneCall', 'no-answer'], ['sms', 'no-answer']]);
    const calls = t.twilio.calls().filter((c) => c.direction === 'outbound-api' && c.to === '+8613955558888');
    assert.deepEqual(calls.map((c) => c.status), ['ringing', 'ringing', 'ringing'], 'each wait ended while its call still rang');
    const survey = await testPrisma().smsMessage.findFirstOrThrow({ where: { caseId: state.caseId, templateCode: 'sms.survey' } });
    assert.equal(survey.toNumber, '+8613955558888');
    assert.match(survey.body, /回复两位数字：第一位为满意度（1满意，2基本满意，3不满意），第二位为问题是否解决（1已解决，2未解决），如“11”；或在线评价： https:\/\/12345\.test\/citizen\/link\.html#/);
    await recordHistory('callback-unreachable', handle);
  });

  it('waits for the call\'s "resolved?" key after its satisfaction key, ignoring another call\'s', async () => {
    const { handle, callbackId, child, callSid } = await inCallback('+8613955550101');
    await child.signal(surveyAnsweredSignal, { satisfaction: 'satisfied', resolved: null, method: 'phoneCall', callSid, resolutionAsked: true });
    await child.signal(surveyResolvedSignal, { callSid: newCallSid(), resolved: false });
    await settled(child, 2);
    assert.equal((await attempts(callbackId))[0]!.outcome, 'calling', 'the call still asks its second question');
    assert.equal((await t.h.state(handle)).status, 'callback');

    await child.signal(surveyResolvedSignal, { callSid, resolved: true });
    assert.deepEqual(await child.result(), { callbackId, outcome: 'answered', attempts: 1 });
    await waitUntil(async () => caseEnded(await t.h.state(handle)));
    const state = await t.h.state(handle);
    assert.deepEqual([state.satisfaction, state.resolved, state.callbacks[0]!.resolved, state.callbacks[0]!.method], ['satisfied', true, true, 'phoneCall']);
    await assertProjectionMatches(state);
    await recordHistory('callback-child-resolution-asked', child);
  });

  it('stops calling when an operator records the callback by hand', async () => {
    const { handle, callbackId, child } = await inCallback('+8613955559999');
    await t.h.command(handle, 'recordCallback', { outcome: 'reached', satisfaction: 'basicallySatisfied', method: 'operator' }, actors.operator);
    assert.deepEqual(await child.result(), { callbackId, outcome: 'stopped', attempts: 1 });
    assert.equal((await t.h.state(handle)).status, 'closed');
    assert.deepEqual((await attempts(callbackId)).map((a) => a.outcome), ['stopped']);
  });
});
