// A projection write that cannot succeed must not freeze its case: the step is reported stuck,
// the clocks keep running, commands answer, and an admin's retry after the fix lets the case
// catch up with nothing lost. The failure is real: a CHECK constraint PostgreSQL enforces.
import assert from 'node:assert/strict';
import { callbackWorkflowId } from '../../workflows/callback/definitions';
import { retryStuckStepsSignal } from '../../workflows/stuckSteps/definitions';
import { asSuperuser, testPrisma } from '../support/db';
import { sampleRegistration } from '../support/cases';
import { actors } from '../support/lifecycle';
import { assertProjectionMatches, SOLVED, useHarness, waitUntil } from '../support/petitions';
import { createTimeSkippingEnv } from '../support/temporal';

/** Urges whose reason holds this are refused by the database while the constraint exists. */
const MARKER = 'STUCK-WRITE-MARKER';
const CONSTRAINT = 'test_stuck_urge_marker';

async function refuseMarkedUrges(): Promise<void> {
  await asSuperuser(`ALTER TABLE "Urge" ADD CONSTRAINT ${CONSTRAINT} CHECK (reason NOT LIKE '%${MARKER}%') NOT VALID`);
}

async function acceptMarkedUrgesAgain(): Promise<void> {
  await asSuperuser(`ALTER TABLE "Urge" DROP CONSTRAINT IF EXISTS ${CONSTRAINT}`);
}

describe('stuck workflow steps (time-skipping test server)', () => {
  const t = useHarness(createTimeSkippingEnv, 'each');

  afterEach(acceptMarkedUrgesAgain);

  it('keeps the clocks running and commands answering while a projection write fails, and catches up after a retry', async () => {
    const handle = await t.h.register();
    const dispatched = await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    await assertProjectionMatches(dispatched);

    await refuseMarkedUrges();
    const urged = await t.h.command(handle, 'urge', { reason: `请尽快签收 ${MARKER}` }, actors.dispatcher);
    assert.equal((urged as { projectionPending?: boolean }).projectionPending, true, 'the command answers, marked as not yet projected');
    assert.equal(urged.counters.urges, 1, 'the workflow took the urge');

    // Reported moments after the answer (the report is the workflow's next activity).
    await waitUntil(async () => (await testPrisma().stuckStep.findUnique({ where: { id: `${dispatched.caseId}:projection` } })) !== null);
    const stuck = await testPrisma().stuckStep.findUniqueOrThrow({ where: { id: `${dispatched.caseId}:projection` } });
    assert.equal(stuck.caseId, dispatched.caseId);
    assert.equal(stuck.permanent, true, 'a CHECK violation is permanent: no retry in a loop');
    assert.equal(stuck.resolvedAt, null);
    assert.equal(stuck.pendingSeq, urged.seq);
    assert.match(stuck.errorMessage, /test_stuck_urge_marker/);
    assert.equal(stuck.nextRetryAt, null, 'waits for a retry by hand');

    // A later command answers too (it used to hang behind the failing write).
    const signed = await t.h.command(handle, 'signFor', {}, actors.leadHandler);
    assert.equal((signed as { projectionPending?: boolean }).projectionPending, true);

    // Time passes: the handling clock's warnings come from the workflow's timers regardless.
    const handleClock = signed.clocks.find((c) => c.key === 'handle')!;
    await t.env.sleep(handleClock.dueAt - (await t.env.currentTimeMs()) + 60_000);
    const late = await t.h.state(handle);
    assert.equal(late.warningLevel, 'red', 'the overdue case turned red while its projection was stuck');
    assert.ok(late.counters.urges >= 2, 'and was urged automatically');
    const row = await testPrisma().case.findUniqueOrThrow({ where: { id: late.caseId } });
    assert.equal(row.projectionVersion, dispatched.seq, 'nothing after the failing batch reached the projection');

    // The cause is fixed; an admin retries: everything the workflow kept is projected, in order.
    await acceptMarkedUrgesAgain();
    await handle.signal(retryStuckStepsSignal, { actorId: actors.admin.id });
    await assertProjectionMatches(await t.h.state(handle));
    const urges = await testPrisma().urge.findMany({ where: { caseId: late.caseId }, orderBy: { createdAt: 'asc' } });
    assert.equal(urges[0]!.reason, `请尽快签收 ${MARKER}`);
    await waitUntil(async () => (await testPrisma().stuckStep.findUniqueOrThrow({ where: { id: stuck.id } })).resolvedAt !== null);
  });

  it('reports a registration that cannot be projected, and makes the case visible after the retry', async () => {
    await asSuperuser(`ALTER TABLE "Case" ADD CONSTRAINT ${CONSTRAINT} CHECK (title NOT LIKE '%${MARKER}%') NOT VALID`);
    try {
      const registration = sampleRegistration({ title: `井盖缺失 ${MARKER}` });
      const handle = await t.h.client.workflow.start('petitionWorkflow', { args: [{ registration }], taskQueue: t.h.taskQueue, workflowId: registration.caseId });
      const caseId = registration.caseId;
      await waitUntil(async () => (await testPrisma().stuckStep.findUnique({ where: { id: `${caseId}:projection` } })) !== null);
      const stuck = await testPrisma().stuckStep.findUniqueOrThrow({ where: { id: `${caseId}:projection` } });
      assert.equal(stuck.pendingSeq, 1, 'the registration itself is what waits');
      assert.equal(await testPrisma().case.findUnique({ where: { id: caseId } }), null, 'no row yet: the stuck list is where the case shows');
      // The case itself is registered and takes commands meanwhile.
      const dispatched = await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
      assert.equal((dispatched as { projectionPending?: boolean }).projectionPending, true);
      await asSuperuser(`ALTER TABLE "Case" DROP CONSTRAINT ${CONSTRAINT}`);
      await handle.signal(retryStuckStepsSignal, { actorId: actors.admin.id });
      await assertProjectionMatches(await t.h.state(handle));
      await waitUntil(async () => (await testPrisma().stuckStep.findUniqueOrThrow({ where: { id: stuck.id } })).resolvedAt !== null);
    } finally {
      await asSuperuser(`ALTER TABLE "Case" DROP CONSTRAINT IF EXISTS ${CONSTRAINT}`);
    }
  });

  it('reports a callback step that cannot be written, and the callback goes on after the retry', async () => {
    const handle = await t.h.register({ citizenPhone: '+8613900001111' });
    const callbackId = `${handle.workflowId}-C1`;
    await asSuperuser(`ALTER TABLE "CallbackAttempt" ADD CONSTRAINT ${CONSTRAINT}_callback CHECK ("callbackId" <> '${callbackId}') NOT VALID`);
    try {
      await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
      await t.h.command(handle, 'signFor', {}, actors.leadHandler);
      await t.h.command(handle, 'submitResult', SOLVED, actors.leadHandler);
      await t.h.command(handle, 'unitApprove', {}, actors.leadLeader);
      await t.h.command(handle, 'review', { accept: true }, actors.dispatcher);
      const stuckId = `${callbackWorkflowId(callbackId)}:callback`;
      await waitUntil(async () => (await testPrisma().stuckStep.findUnique({ where: { id: stuckId } })) !== null);
      const stuck = await testPrisma().stuckStep.findUniqueOrThrow({ where: { id: stuckId } });
      assert.deepEqual([stuck.caseId, stuck.permanent], [handle.workflowId, true]);
      assert.equal(await testPrisma().callbackAttempt.count({ where: { callbackId } }), 0);

      await asSuperuser(`ALTER TABLE "CallbackAttempt" DROP CONSTRAINT ${CONSTRAINT}_callback`);
      await t.env.client.workflow.getHandle(callbackWorkflowId(callbackId)).signal(retryStuckStepsSignal, { actorId: actors.admin.id });
      await waitUntil(async () => (await testPrisma().stuckStep.findUniqueOrThrow({ where: { id: stuckId } })).resolvedAt !== null);
      assert.deepEqual((await testPrisma().callbackAttempt.findMany({ where: { callbackId } })).map((a) => [a.attemptNo, a.outcome]), [[1, 'failed']], 'the failed first call is on record');
    } finally {
      await asSuperuser(`ALTER TABLE "CallbackAttempt" DROP CONSTRAINT IF EXISTS ${CONSTRAINT}_callback`);
    }
  });
});
