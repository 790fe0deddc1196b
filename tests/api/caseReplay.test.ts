// The auditor's view of a case's past over HTTP: its state as of a moment and the diff between
// two moments, rebuilt from the audit trail, and the case file (projection, audit trail,
// Temporal history, replayed state) — on a real case driven through its workflow.
import assert from 'node:assert/strict';
import { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { workflowBundle } from '../../worker/createWorker';
import type { PetitionState } from '../../rules/lifecycle/types';
import { AdminApiClient } from '../support/adminApi';
import { useApiStack } from '../support/apiStack';
import { testPrisma } from '../support/db';
import { actors } from '../support/lifecycle';
import { installQuietRuntime } from '../support/temporal';

const iso = (ms: number) => new Date(ms).toISOString();

describe('case replay over HTTP: state as of T, state diff, case file', () => {
  const stack = useApiStack();
  const api = () => new AdminApiClient(stack.api.url);
  let client: AdminApiClient;
  let handle: WorkflowHandle;
  let caseId: string;
  let latest: PetitionState;
  /** When each lifecycle event happened, by action (from the audit trail). */
  let at: Record<string, number>;

  before(async () => {
    client = api();
    await client.login('auditor', 'supervisor', 'admin', 'dispatcher', 'handler');
    handle = await stack.h.register();
    caseId = handle.workflowId;
    await stack.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    await stack.h.command(handle, 'signFor', {}, actors.leadHandler);
    latest = await stack.h.command(handle, 'urge', { reason: '市民再次来电' }, actors.dispatcher);
    const rows = await testPrisma().auditEvent.findMany({ where: { caseId }, orderBy: { id: 'asc' } });
    at = Object.fromEntries(rows.map((r) => [r.action, r.occurredAt.getTime()]));
    assert.deepEqual(Object.keys(at), ['registered', 'dispatched', 'signedFor', 'urged']);
  });

  const stateAsOf = (when: number | string, as = 'auditor') => client.get(`/api/cases/${caseId}/state?asOf=${encodeURIComponent(typeof when === 'number' ? iso(when) : when)}`, as);

  it('shows the state before a command as it was then, and after it as it became', async () => {
    const beforeDispatch = await stateAsOf(at.dispatched! - 1);
    assert.equal(beforeDispatch.status, 200, JSON.stringify(beforeDispatch.body));
    assert.deepEqual([beforeDispatch.body.state.status, beforeDispatch.body.state.assignments, beforeDispatch.body.last], ['registered', [], { seq: 1, at: iso(at.registered!) }]);

    const afterDispatch = await stateAsOf(at.dispatched!);
    assert.equal(afterDispatch.body.state.status, 'dispatched');
    assert.deepEqual(afterDispatch.body.state.assignments.map((a: { unitId: string; status: string }) => [a.unitId, a.status]), [['chengguan', 'dispatched']]);
    assert.equal(afterDispatch.body.last.seq, 2);

    const beforeRegistration = await stateAsOf(at.registered! - 1);
    assert.deepEqual([beforeRegistration.body.state, beforeRegistration.body.last], [null, null]);
  });

  it('without asOf answers the latest state: exactly the workflow’s own', async () => {
    const response = await client.get(`/api/cases/${caseId}/state`, 'supervisor');
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.state, latest);
    assert.deepEqual(response.body.last, { seq: latest.seq, at: iso(at.urged!) });
  });

  it('diffs two moments: the changed paths before → after, and the events between with who, role, unit, when and why', async () => {
    const response = await client.get(`/api/cases/${caseId}/state-diff?from=${encodeURIComponent(iso(at.registered!))}&to=${encodeURIComponent(iso(at.urged!))}`, 'auditor');
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const { from, to, changes, events } = response.body;
    assert.deepEqual([from.state.status, to.state.status, from.last.seq, to.last.seq], ['registered', 'signed', 1, 4]);
    const change = (path: string) => changes.find((c: { path: string }) => c.path === path);
    assert.deepEqual(change('status'), { path: 'status', kind: 'changed', before: 'registered', after: 'signed' });
    assert.deepEqual(change('counters.urges'), { path: 'counters.urges', kind: 'changed', before: 0, after: 1 });
    assert.equal(change('assignments.0').kind, 'added');
    assert.equal(change('assignments.0').after.unitId, 'chengguan');
    assert.deepEqual(change('leadAssignmentId'), { path: 'leadAssignmentId', kind: 'changed', before: null, after: to.state.leadAssignmentId });
    assert.ok(!changes.some((c: { path: string }) => c.path.startsWith('recent')), 'the sliding window of recent events is left out');
    assert.deepEqual(
      events.map((e: any) => [e.seq, e.action, e.actorId, e.actorRoles, e.actorUnitId, e.reason, e.at]),
      [
        [2, 'dispatched', 'user-dispatcher', ['dispatcher'], 'hotline', null, iso(at.dispatched!)],
        [3, 'signedFor', 'user-handler', ['unitHandler'], 'chengguan', null, iso(at.signedFor!)],
        [4, 'urged', 'user-dispatcher', ['dispatcher'], 'hotline', '市民再次来电', iso(at.urged!)],
      ],
    );
    assert.equal(events[0].data.round, 1, 'each event carries its data');
  });

  it('refuses bad times with 400 and the field, and an unknown case with 404', async () => {
    const notIso = await stateAsOf('yesterday');
    assert.equal(notIso.status, 400);
    assert.ok(notIso.body.error.fields.asOf, JSON.stringify(notIso.body));
    const reversed = await client.get(`/api/cases/${caseId}/state-diff?from=${encodeURIComponent(iso(at.urged!))}&to=${encodeURIComponent(iso(at.registered!))}`, 'auditor');
    assert.equal(reversed.status, 400);
    assert.ok(reversed.body.error.fields.to, JSON.stringify(reversed.body));
    const missing = await client.get(`/api/cases/${caseId}/state-diff?to=${encodeURIComponent(iso(at.urged!))}`, 'auditor');
    assert.equal(missing.status, 400);
    assert.ok(missing.body.error.fields.from);
    for (const path of ['state', 'state-diff?from=2026-11-23T10:00:00%2B08:00&to=2026-11-24T10:00:00%2B08:00', 'case-file']) {
      const unknown = await client.get(`/api/cases/20261123000000000/${path}`, 'auditor');
      assert.equal(unknown.status, 404, path);
    }
  });

  it('is for auditors, supervisors and admins only', async () => {
    for (const user of ['auditor', 'supervisor', 'admin']) assert.equal((await client.get(`/api/cases/${caseId}/state`, user)).status, 200, user);
    for (const user of ['dispatcher', 'handler']) {
      for (const path of ['state', `state-diff?from=${encodeURIComponent(iso(at.registered!))}&to=${encodeURIComponent(iso(at.urged!))}`, 'case-file']) {
        assert.equal((await client.get(`/api/cases/${caseId}/${path}`, user)).status, 403, `${user} ${path}`);
      }
    }
    assert.equal((await client.get(`/api/cases/${caseId}/state`, null)).status, 401);
    // The role check stays on these routes: the case's other routes under /api/cases/:id are not affected.
    assert.equal((await client.get(`/api/cases/${caseId}/history`, 'dispatcher')).status, 200);
  });

  it('exports the case file: projection, audit trail, replayable Temporal history and replayed state, as an audited download', async () => {
    const response = await fetch(`${stack.api.url}/api/cases/${caseId}/case-file`, { headers: { authorization: `Bearer ${client.token('auditor')}` } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-disposition'), `attachment; filename="case-${caseId}.json"`);
    const file = JSON.parse(await response.text());

    assert.deepEqual([file.caseId, file.projection.id, file.projection.status, file.projection.queryPasswordHash], [caseId, caseId, 'signed', undefined]);
    assert.deepEqual(file.projection.urges.map((u: { reason: string }) => u.reason), ['市民再次来电']);
    assert.deepEqual(file.generated.by, { id: 'user-auditor', username: 'auditor', roles: ['auditor'], unitId: 'hotline' });
    assert.equal(file.generated.appVersion, 'test');
    assert.ok(Math.abs(Date.parse(file.generated.at) - Date.now()) < 60_000);

    const lifecycle = file.auditTrail.filter((e: { caseId: string | null }) => e.caseId === caseId);
    assert.deepEqual(lifecycle.map((e: { action: string; idempotencyKey: string }) => [e.action, e.idempotencyKey]), [
      ['registered', `${caseId}:1`], ['dispatched', `${caseId}:2`], ['signedFor', `${caseId}:3`], ['urged', `${caseId}:4`],
    ]);
    assert.deepEqual(file.replayedState, { last: { seq: 4, at: iso(at.urged!) }, state: latest });

    assert.equal(file.temporalHistory.available, true);
    assert.equal(file.temporalHistory.runs.length, 1);
    const history = file.temporalHistory.runs[0].history;
    assert.equal(history.events[0].eventType, 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
    assert.equal(file.temporalHistory.runs[0].runId, (await handle.describe()).runId);
    // The exported history is a real one: it replays through the workflow code.
    installQuietRuntime();
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), replayName: 'case-file' }, history, caseId);

    // Audited as a read (outside the lifecycle trail, which the export leaves as it was).
    const reads = await testPrisma().auditEvent.findMany({ where: { entityType: 'case', entityId: caseId, caseId: null }, orderBy: { id: 'asc' } });
    assert.deepEqual(reads.map((r) => [r.action, r.actorId]), [['citizenIdentityRead', 'user-auditor'], ['caseFileExported', 'user-auditor']]);
    assert.deepEqual((await client.get(`/api/cases/${caseId}/state`, 'auditor')).body.state, latest);
  });

  it('answers the raw Temporal history of every run, recorded as an identity read', async () => {
    const readsBefore = await testPrisma().auditEvent.count({ where: { entityType: 'case', entityId: caseId, action: 'citizenIdentityRead' } });
    const response = await client.get(`/api/cases/${caseId}/temporal-history`, 'supervisor');
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual([response.body.caseId, response.body.available, response.body.runs.length], [caseId, true, 1]);
    assert.equal(response.body.runs[0].runId, (await handle.describe()).runId);
    assert.equal(response.body.runs[0].history.events[0].eventType, 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
    const readsAfter = await testPrisma().auditEvent.count({ where: { entityType: 'case', entityId: caseId, action: 'citizenIdentityRead' } });
    assert.equal(readsAfter, readsBefore + 1);
    assert.equal((await client.get(`/api/cases/${caseId}/temporal-history`, 'dispatcher')).status, 403);
    assert.equal((await client.get('/api/cases/20261123000000000/temporal-history', 'auditor')).status, 404);
  });
});
