// The rules broadcast (workflows/rulesBroadcast): after a change that open cases read, one
// workflow tells them page by page; a change made during a pass starts another; the admin
// follows it at /api/rules-broadcast and may ask again (audited). Real workflows, dev server.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import { rulesBroadcastProgressQuery, rulesBroadcastRequestedSignal, type RulesBroadcastRequest } from '../../workflows/rulesBroadcast/definitions';
import { rulesBroadcastWorkflow } from '../../workflows/rulesBroadcast/workflow';
import { AdminApiClient } from '../support/adminApi';
import { useApiStack } from '../support/apiStack';
import { testPrisma } from '../support/db';
import { recordHistory } from '../support/histories';
import { waitUntil } from '../support/petitions';
import { settledRulesBroadcast } from '../support/rulesBroadcast';

describe('the rules broadcast', () => {
  const stack = useApiStack();
  let api: AdminApiClient;
  const caseIds: string[] = [];

  before(async () => {
    api = new AdminApiClient(stack.api.url);
    await api.login('admin', 'operator', 'dispatcher', 'auditor');
    for (let i = 0; i < 5; i++) {
      const phone = `+86137${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
      const registered = await api.post('/api/cases', { channel: 'phone', caseTypeCode: 'consultation', title: `规则广播测试${i}`, content: '咨询社保卡补办流程。', citizenPhone: phone }, 'operator');
      assert.equal(registered.status, 201, JSON.stringify(registered.body));
      caseIds.push(registered.body.caseId);
    }
    await waitUntil(async () => (await testPrisma().case.count({ where: { id: { in: caseIds } } })) === caseIds.length);
  });

  const request = (reason: string): RulesBroadcastRequest => ({ change: 'rulesBroadcastRequested', subject: 'openCases', reason, actorId: 'user-admin', requestedAt: new Date().toISOString() });

  /** The signal names each of our cases received since `since`. */
  async function rulesChangedSignalsSince(since: Date): Promise<number[]> {
    return Promise.all(
      caseIds.map(async (caseId) => {
        const history = await stack.h.client.workflow.getHandle(caseId).fetchHistory();
        return (history.events ?? []).filter((event) => event.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED && event.workflowExecutionSignaledEventAttributes?.signalName === 'rulesChanged' && Number(event.eventTime!.seconds) * 1000 >= since.getTime() - 1000).length;
      }),
    );
  }

  it('tells every open case, one page after another, and reports what it did', async () => {
    const since = new Date();
    const handle = await stack.h.client.workflow.signalWithStart(rulesBroadcastWorkflow, {
      workflowId: `rules-broadcast-pages-${api.run}`, taskQueue: stack.h.taskQueue, args: [{ pageSize: 2 }],
      signal: rulesBroadcastRequestedSignal, signalArgs: [request('分页测试')],
    });
    const progress = await handle.result();
    assert.equal(progress.state, 'done');
    assert.deepEqual([progress.pass, progress.requests, progress.lastRequest.reason], [1, 1, '分页测试']);
    assert.ok(progress.told >= caseIds.length && progress.total !== null && progress.told + progress.closed >= progress.total, JSON.stringify(progress));
    assert.deepEqual(await rulesChangedSignalsSince(since), caseIds.map(() => 1), 'each case told once');
    const history = await handle.fetchHistory();
    const pages = (history.events ?? []).filter((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'listOpenCasePage').length;
    assert.ok(pages >= Math.ceil(caseIds.length / 2), `${pages} pages of 2 for ${progress.told} cases`);
  });

  it('starts another pass when a change arrives during one, so cases told before it hear of it too', async () => {
    const since = new Date();
    const handle = await stack.h.client.workflow.signalWithStart(rulesBroadcastWorkflow, {
      workflowId: `rules-broadcast-restart-${api.run}`, taskQueue: stack.h.taskQueue, args: [{ pageSize: 1 }],
      signal: rulesBroadcastRequestedSignal, signalArgs: [request('第一次修改')],
    });
    await waitUntil(async () => (await handle.query(rulesBroadcastProgressQuery)).told >= 1);
    await handle.signal(rulesBroadcastRequestedSignal, request('第二次修改'));
    const progress = await handle.result();
    await recordHistory('rules-broadcast-restarted', handle);
    assert.deepEqual([progress.state, progress.pass, progress.requests, progress.lastRequest.reason], ['done', 2, 2, '第二次修改']);
    // The second pass told every case again, the ones the first pass had already told included.
    assert.ok((await rulesChangedSignalsSince(since)).every((told) => told >= 1));
    assert.ok(progress.told >= caseIds.length, JSON.stringify(progress));
  });

  it('is requested by a calendar change, followed by office roles, asked again by an admin with a reason (audited)', async () => {
    const since = new Date();
    const changed = await api.put('/api/rule-settings/extension.maxTotalWorkingDays', { value: 11, reason: '规则广播测试' }, 'admin');
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    try {
      assert.equal(changed.body.rulesBroadcast.status, 'requested');
      const progress = await settledRulesBroadcast(stack.api.url, api.token('admin'), changed.body.rulesBroadcast);
      assert.ok(progress.told >= caseIds.length);
      assert.deepEqual([progress.lastRequest.change, progress.lastRequest.subject, progress.lastRequest.reason], ['ruleSettingChanged', 'extension.maxTotalWorkingDays', '规则广播测试']);
      assert.ok((await rulesChangedSignalsSince(since)).every((told) => told >= 1));

      const seen = await api.get('/api/rules-broadcast', 'auditor');
      assert.deepEqual([seen.status, seen.body.id, seen.body.executionStatus, seen.body.progress.state], [200, 'rules-broadcast', 'COMPLETED', 'done']);
      assert.equal((await api.get('/api/rules-broadcast', 'operator')).status, 403);

      assert.equal((await api.post('/api/rules-broadcast', { reason: '再通知一次' }, 'dispatcher')).status, 403);
      const noReason = await api.post('/api/rules-broadcast', {}, 'admin');
      assert.deepEqual([noReason.status, Object.keys(noReason.body.error.fields ?? {})], [400, ['reason']]);
      const again = await api.post('/api/rules-broadcast', { reason: '再通知一次' }, 'admin');
      assert.deepEqual([again.status, again.body.status, again.body.id], [202, 'requested', 'rules-broadcast']);
      const second = await settledRulesBroadcast(stack.api.url, api.token('admin'), again.body);
      assert.equal(second.lastRequest.reason, '再通知一次');
      const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'rulesBroadcast', action: 'rulesBroadcastRequested' }, orderBy: { id: 'desc' } });
      assert.deepEqual([audit.actorId, audit.reason, (audit.payload as { after: { runId: string } }).after.runId], ['user-admin', '再通知一次', again.body.runId]);
    } finally {
      await testPrisma().ruleSetting.update({ where: { key: 'extension.maxTotalWorkingDays' }, data: { value: 10 } });
    }
  });
});
