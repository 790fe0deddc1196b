// The petition workflow on real Temporal servers with the real activities and PostgreSQL.
import assert from 'node:assert/strict';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { sealSecret } from '../../lib/citizenAccess/sealedSecrets';
import { shanghaiDate } from '../../rules/shanghaiTime';
import { testPrisma } from '../support/db';
import { patchIdsOf, recordHistory } from '../support/histories';
import { TEST_LINK_SECRET } from '../support/links';
import { actors } from '../support/lifecycle';
import { assertProjectionMatches, useHarness, type PetitionHarness } from '../support/petitions';
import { createDevServerEnv, createTimeSkippingEnv } from '../support/temporal';
import { PETITION_PATCH_BASELINE } from '../../workflows/petition/workflow';

const RESULT = { actionsTaken: '执法队员现场劝离摊贩，设置围挡。', replyToCitizen: '已处理，摊贩已劝离。', handlerName: '张三', citizenContacted: true, resolved: true };

type Step = [Parameters<PetitionHarness['command']>[1], unknown, keyof typeof actors];

describe('petition workflow (time-skipping test server)', () => {
  const t = useHarness(createTimeSkippingEnv, 'all');

  it('runs the happy path to archive, with projection and audit matching the state at every step', async () => {
    const handle = await t.h.register();
    await assertProjectionMatches(await t.h.state(handle));

    const steps: Step[] = [
      ['dispatch', { leadUnitId: 'chengguan', assistUnitIds: ['zhujian', 'shichang'] }, 'dispatcher'],
      ['signFor', {}, 'leadHandler'],
      ['signFor', {}, 'assistHandler'],
      ['signFor', {}, 'assist2Handler'],
      ['submitAssistOpinion', { opinion: '住建局：该路段无施工许可。' }, 'assistHandler'],
      ['submitAssistOpinion', { opinion: '市场监管局：摊贩无证经营，已登记。' }, 'assist2Handler'],
      ['submitResult', RESULT, 'leadHandler'],
      ['unitApprove', {}, 'leadLeader'],
      ['review', { accept: true }, 'dispatcher'],
      ['recordCallback', { outcome: 'reached', satisfaction: 'satisfied', resolved: true }, 'operator'],
    ];
    for (const [command, input, actor] of steps) {
      const state = await t.h.command(handle, command, input, actors[actor]);
      assert.deepEqual(state, await t.h.state(handle), `${command} answers with the new state`);
      await assertProjectionMatches(state);
    }
    const closed = await t.h.state(handle);
    assert.equal(closed.status, 'closed');
    const assignments = await testPrisma().caseAssignment.findMany({ where: { caseId: closed.caseId } });
    assert.deepEqual(assignments.map((a) => a.opinion).filter(Boolean).sort(), ['住建局：该路段无施工许可。', '市场监管局：摊贩无证经营，已登记。'].sort());

    // The re-review window (15 working days) passes on the test server's clock.
    const final = await handle.result();
    assert.equal(final.status, 'archived');
    assert.ok(final.archivedAt! > closed.reReviewUntil!);
    await assertProjectionMatches(final);
    const actions = (await testPrisma().auditEvent.findMany({ where: { caseId: closed.caseId }, orderBy: { id: 'asc' } })).map((e) => e.action);
    await recordHistory('happy-path', handle);
    assert.deepEqual(actions, ['registered', 'dispatched', 'signedFor', 'signedFor', 'signedFor', 'assistOpinionSubmitted', 'assistOpinionSubmitted', 'resultSubmitted', 'unitApproved', 'reviewed', 'callbackRecorded', 'closed', 'archived']);
  });

  it('takes every patch of its code under one marker and one search-attribute upsert (workflows/patches.ts)', async () => {
    const handle = await t.h.register({ citizenPhone: '+8613912345678', sealedQueryPassword: sealSecret('042917', TEST_LINK_SECRET) });
    await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    const { events } = await handle.fetchHistory();
    assert.deepEqual(patchIdsOf(events!), [PETITION_PATCH_BASELINE.id]);
    const upserts = events!.filter((e) => e.upsertWorkflowSearchAttributesEventAttributes);
    assert.equal(upserts.length, 1);
    // What the patches brought still happens: the steps run as local activities, the citizen's
    // receipt and the unit's notice are queued.
    assert.ok(events!.some((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity'));
    assert.ok(!events!.some((e) => e.activityTaskScheduledEventAttributes));
    const templates = (await testPrisma().smsMessage.findMany({ where: { caseId: handle.workflowId } })).map((m) => m.templateCode).sort();
    assert.deepEqual(templates, ['sms.dispatchNotice', 'sms.receipt']);
  });

  it('escalates an unsigned case through real timers: yellow, red with an automatic urge, supervision, leadership', async () => {
    const handle = await t.h.register();
    const dispatched = await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    const signFor = dispatched.clocks.find((c) => c.name === 'signFor')!;
    const sleepUntil = async (instant: number) => t.env.sleep(Math.max(1, instant - (await t.env.currentTimeMs()) + 1000));
    await sleepUntil(signFor.yellowAt);
    assert.equal((await t.h.state(handle)).warningLevel, 'yellow');
    await sleepUntil(signFor.dueAt);
    let state = await t.h.state(handle);
    assert.equal(state.warningLevel, 'red');
    assert.equal(state.counters.urges, 1);
    await sleepUntil(signFor.supervisorAt!);
    state = await t.h.state(handle);
    assert.equal(state.escalationLevel, 2);
    await sleepUntil(signFor.leadershipAt!);
    state = await t.h.state(handle);
    assert.equal(state.escalationLevel, 3);
    await assertProjectionMatches(state);
    const urges = await testPrisma().urge.findMany({ where: { caseId: state.caseId } });
    assert.deepEqual(urges.map((u) => [u.unitId, u.kind]), [['chengguan', 'automatic']]);
    // Timers fire at the alarm; the event takes the workflow task's time, a few ms later.
    const near = (actual: number, expected: number) => assert.ok(actual >= expected && actual < expected + 1000, `${new Date(actual).toISOString()} ≈ ${new Date(expected).toISOString()}`);
    near(urges[0]!.createdAt.getTime(), signFor.dueAt + 1);
    // The level-1 notice went unanswered for its two working days: a level-2 notice came before
    // the sign-for clock's own leadership point.
    const notices = await testPrisma().supervisionNotice.findMany({ where: { caseId: state.caseId }, orderBy: { issuedAt: 'asc' } });
    assert.deepEqual(notices.map((n) => [n.level, n.kind]), [[1, 'automatic'], [2, 'automatic'], [2, 'automatic']]);
    assert.deepEqual([notices[0]!.replyStatus, notices[0]!.escalatedTo], ['escalated', 'level2']);
    near(notices[0]!.issuedAt.getTime(), signFor.supervisorAt! + 1);
    near(notices[1]!.issuedAt.getTime(), notices[0]!.dueAt!.getTime() + 1);
    near(notices[2]!.issuedAt.getTime(), signFor.leadershipAt! + 1);
    assert.ok(shanghaiDate(signFor.supervisorAt!) > shanghaiDate(signFor.dueAt));
    await recordHistory('escalation', handle);
    await handle.terminate('test finished');
  });

  it('refuses invalid commands with their reason and leaves no trace', async () => {
    const handle = await t.h.register();
    const before = await t.h.state(handle);
    const attempts: [Parameters<PetitionHarness['command']>[1], unknown, keyof typeof actors, string, RegExp][] = [
      ['dispatch', { leadUnitId: 'chengguan' }, 'operator', 'forbidden', /requires the role dispatcher/],
      ['signFor', {}, 'leadHandler', 'invalidState', /no open assignment/],
      ['dispatch', { leadUnitId: '' }, 'dispatcher', 'invalidInput', /invalid dispatch input/],
    ];
    for (const [command, input, actor, type, message] of attempts) {
      await assert.rejects(t.h.command(handle, command, input, actors[actor]), (error: unknown) => {
        assert.ok(error instanceof WorkflowUpdateFailedError);
        const cause = error.cause as { type?: string; message: string };
        assert.equal(cause.type, type);
        assert.match(cause.message, message);
        return true;
      });
    }
    await assert.rejects(t.h.command(handle, 'dispatch', { leadUnitId: 'no-such-unit' }, actors.dispatcher), (error: unknown) => {
      const cause = (error as WorkflowUpdateFailedError).cause as { type?: string; details?: unknown[] };
      assert.equal(cause.type, 'invalidInput');
      assert.deepEqual(cause.details?.[0], { 'unit:no-such-unit': 'no such active unit' });
      return true;
    });
    assert.deepEqual(await t.h.state(handle), before);
    await assertProjectionMatches(before);
    const history = await handle.fetchHistory();
    const accepted = history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
    assert.equal(accepted, 1, 'only the command that passed validation (and then named a missing unit) reached the history');
    await handle.terminate('test finished');
  });
});

describe('petition workflow (dev server)', () => {
  const t = useHarness(createDevServerEnv, 'all');

  it('registers and dispatches a case end to end', async () => {
    const handle = await t.h.register();
    const state = await t.h.command(handle, 'dispatch', { leadUnitId: 'donghu', assistUnitIds: ['chengguan'] }, actors.dispatcher);
    assert.equal(state.status, 'dispatched');
    await assertProjectionMatches(state);
    await handle.terminate('test finished');
  });

  it('loses nothing when the worker dies mid-case: the case resumes when a worker returns', async () => {
    const handle = await t.h.register();
    await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    await t.h.stopWorker();
    const pending = t.h.command(handle, 'signFor', {}, actors.leadHandler);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await t.h.startWorker();
    const state = await pending;
    assert.equal(state.status, 'signed');
    await assertProjectionMatches(state);
    await handle.terminate('test finished');
  });
});
