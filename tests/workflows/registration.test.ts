// Registering a case starts its workflow, which writes the projection and the audit event
// through a real activity into PostgreSQL. Run on the time-skipping test server and on the
// real dev server.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createProjectionActivities } from '../../activities/projection';
import { createLogger } from '../../config/logger';
import { getStateQuery } from '../../workflows/petition/definitions';
import { createWorker } from '../../worker/createWorker';
import { sampleRegistration } from '../support/cases';
import { testPrisma } from '../support/db';
import { createDevServerEnv, createTimeSkippingEnv } from '../support/temporal';

const log = createLogger('test', 'silent');

for (const [label, createEnv] of [['time-skipping test server', createTimeSkippingEnv], ['dev server', createDevServerEnv]] as const) {
  describe(`petition registration (${label})`, () => {
    let env: TestWorkflowEnvironment;
    let worker: Worker;
    let running: Promise<void>;
    const taskQueue = `test-${randomUUID()}`;

    before(async () => {
      env = await createEnv();
      worker = await createWorker({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, deps: { prisma: testPrisma(), log } });
      running = worker.run();
    });

    after(async () => {
      worker?.shutdown();
      await running;
      await env?.teardown();
    });

    it('starts the workflow under the case number and projects the registered case with its audit event', async () => {
      const registration = sampleRegistration();
      const handle = await env.client.workflow.start('petitionWorkflow', { args: [registration], taskQueue, workflowId: registration.caseId });
      const projected = async () => testPrisma().case.findUnique({ where: { id: registration.caseId } });
      for (let i = 0; i < 100 && !(await projected()); i++) await new Promise((resolve) => setTimeout(resolve, 100));

      const state = await handle.query(getStateQuery);
      assert.equal(state.caseId, registration.caseId);
      assert.equal(state.status, 'registered');

      const row = await projected();
      assert.ok(row, 'the case is in the projection');
      assert.equal(row.status, 'registered');
      assert.equal(row.workflowId, registration.caseId);
      assert.equal(row.leadUnitId, null);
      assert.equal(row.registeredAt.toISOString(), state.registeredAt);
      assert.equal(row.receivedAt.toISOString(), registration.receivedAt);
      assert.equal(row.projectionVersion, state.version);

      const audit = await testPrisma().auditEvent.findMany({ where: { caseId: registration.caseId } });
      assert.deepEqual(audit.map((event) => [event.action, event.actorId, event.actorRole, event.actorUnitId]), [['register', 'user-operator', 'operator', 'hotline']]);
      assert.equal(audit[0]!.occurredAt.toISOString(), state.registeredAt);

      await handle.terminate('test finished');
    });
  });
}

describe('projection activity', () => {
  it('is idempotent: a retried registration writes one case and one audit event', async () => {
    const activities = createProjectionActivities({ prisma: testPrisma(), log });
    const registration = sampleRegistration();
    const input = { registration, registeredAt: '2026-11-23T01:31:00.000Z', version: 1, workflowId: registration.caseId };
    await activities.recordRegistration(input);
    await activities.recordRegistration(input);
    assert.equal(await testPrisma().case.count({ where: { id: registration.caseId } }), 1);
    assert.equal(await testPrisma().auditEvent.count({ where: { caseId: registration.caseId } }), 1);
  });
});
