// The satisfaction callback (回访) as a child workflow: calls, then an SMS, then unreachable.
import assert from 'node:assert/strict';
import type { WorkflowHandle } from '@temporalio/client';
import { callbackWorkflowId, surveyAnsweredSignal } from '../../workflows/callback/definitions';
import { testPrisma } from '../support/db';
import { recordHistory } from '../support/histories';
import { actors } from '../support/lifecycle';
import { assertProjectionMatches, useHarnessAt, waitUntil } from '../support/petitions';

const RESULT = { actionsTaken: '已清理', replyToCitizen: '摊贩已劝离。', handlerName: '张三', citizenContacted: true, resolved: true };

describe('callback workflow (test server from Mon 2026-11-23 10:00)', () => {
  const t = useHarnessAt('2026-11-23 10:00', 'each');



  async function inCallback(): Promise<{ handle: WorkflowHandle; callbackId: string }> {
    const handle = await t.h.register({ citizenPhone: '+8613955556666' });
    await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    await t.h.command(handle, 'signFor', {}, actors.leadHandler);
    await t.h.command(handle, 'submitResult', RESULT, actors.leadHandler);
    await t.h.command(handle, 'unitApprove', {}, actors.leadLeader);
    const state = await t.h.command(handle, 'review', { accept: true }, actors.dispatcher);
    const callbackId = state.callbacks.at(-1)!.id;
    await waitUntil(async () => (await testPrisma().callbackAttempt.count({ where: { callbackId } })) === 1);
    return { handle, callbackId };
  }

  const attempts = (callbackId: string) => testPrisma().callbackAttempt.findMany({ where: { callbackId }, orderBy: { attemptNo: 'asc' } });

  it("records the citizen's keypad answer and closes the case", async () => {
    const { handle, callbackId } = await inCallback();
    assert.deepEqual((await attempts(callbackId)).map((a) => [a.attemptNo, a.method, a.outcome]), [[1, 'phoneCall', 'requested']]);
    await t.env.client.workflow.getHandle(callbackWorkflowId(callbackId)).signal(surveyAnsweredSignal, { satisfaction: 'satisfied', resolved: true, method: 'phoneCall' });
    await waitUntil(async () => (await t.h.state(handle)).status === 'closed');
    const state = await t.h.state(handle);
    assert.equal(state.satisfaction, 'satisfied');
    assert.equal(state.callbacks[0]!.method, 'phoneCall');
    await assertProjectionMatches(state);
    assert.deepEqual((await attempts(callbackId)).map((a) => a.outcome), ['answered']);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId: state.caseId, action: 'callbackRecorded' } });
    assert.equal(audit.actorId, 'system:callback');
    await recordHistory('callback-answered', handle);
    await handle.terminate('test finished');
  });

  it('calls twice, then sends the survey by SMS, then closes the case as unreachable', async () => {
    const { handle, callbackId } = await inCallback();
    const child = t.env.client.workflow.getHandle(callbackWorkflowId(callbackId));
    assert.deepEqual(await child.result(), { callbackId, outcome: 'unreachable', attempts: 3 });
    await waitUntil(async () => (await t.h.state(handle)).status === 'closed');
    const state = await t.h.state(handle);
    assert.equal(state.callbacks[0]!.outcome, 'unreachable');
    await assertProjectionMatches(state);
    assert.deepEqual((await attempts(callbackId)).map((a) => [a.method, a.outcome]), [['phoneCall', 'noAnswer'], ['phoneCall', 'noAnswer'], ['sms', 'noAnswer']]);
    const survey = await testPrisma().smsMessage.findFirstOrThrow({ where: { caseId: state.caseId, templateCode: 'sms.survey' } });
    assert.equal(survey.toNumber, '+8613955556666');
    assert.match(survey.body, /回复1满意，2基本满意，3不满意；或在线评价： https:\/\/12345\.test\/citizen\/link\.html#/);
    await recordHistory('callback-unreachable', handle);
    await recordHistory('callback-child-unreachable', child);
    await handle.terminate('test finished');
  });

  it('stops calling when an operator records the callback by hand', async () => {
    const { handle, callbackId } = await inCallback();
    await t.h.command(handle, 'recordCallback', { outcome: 'reached', satisfaction: 'basicallySatisfied', method: 'operator' }, actors.operator);
    assert.deepEqual(await t.env.client.workflow.getHandle(callbackWorkflowId(callbackId)).result(), { callbackId, outcome: 'stopped', attempts: 1 });
    assert.equal((await t.h.state(handle)).status, 'closed');
    await handle.terminate('test finished');
  });
});
