// The synthetic generator (prisma/seed/syntheticCases.ts, behind the assessment benchmark) writes
// what the projection writes: cases run through real workflows (time-skipping server, clock
// from May 2026, a stretch no other suite uses) into every stage the indicators tell apart, the
// same cases generated from their facts, and the columns the indicators read compared.
import assert from 'node:assert/strict';
import type { WorkflowHandle } from '@temporalio/client';
import { insertProjectedCaseRows, SYNTHETIC_FACT_COLUMNS } from '../../prisma/seed/syntheticCases';
import { lifecycleEvents } from '../../rules/lifecycle/replay';
import type { PetitionState } from '../../rules/lifecycle/types';
import { testPrisma } from '../support/db';
import { actors } from '../support/lifecycle';
import { SOLVED, useHarnessAt, waitUntil, type PetitionHarness } from '../support/petitions';

type Step = (h: PetitionHarness, handle: WorkflowHandle) => Promise<PetitionState>;

const dispatch: Step = (h, handle) => h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
const signFor: Step = (h, handle) => h.command(handle, 'signFor', {}, actors.leadHandler);
const submit: Step = (h, handle) => h.command(handle, 'submitResult', SOLVED, actors.leadHandler);
const approve: Step = (h, handle) => h.command(handle, 'unitApprove', {}, actors.leadLeader);
const accept: Step = (h, handle) => h.command(handle, 'review', { accept: true }, actors.dispatcher);
const callback: Step = (h, handle) => h.command(handle, 'recordCallback', { outcome: 'reached', satisfaction: 'satisfied', resolved: true }, actors.operator);
const extend: Step = async (h, handle) => {
  await h.command(handle, 'requestExtension', { workingDays: 5, reason: '需协调多部门' }, actors.leadHandler);
  return h.command(handle, 'decideExtension', { approve: true, reason: '同意延期5个工作日' }, actors.dispatcher);
};

/** Each case's path: unsigned, signed, answered, approved, accepted, closed, and extended then closed. */
const PATHS: Step[][] = [
  [dispatch],
  [dispatch, signFor],
  [dispatch, signFor, submit],
  [dispatch, signFor, submit, approve],
  [dispatch, signFor, submit, approve, accept],
  [dispatch, signFor, submit, approve, accept, callback],
  [dispatch, signFor, extend, submit, approve, accept, callback],
];

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/** The facts of a case as the workflow produced them (its events and state), in SYNTHETIC_FACT_COLUMNS. */
async function factsOf(state: PetitionState, i: number, syntheticId: string): Promise<Record<string, unknown>> {
  const audit = await testPrisma().auditEvent.findMany({ where: { caseId: state.caseId } });
  const events = lifecycleEvents(state.caseId, audit);
  const dispatched = events.find((e) => e.type === 'dispatched');
  const dispatchClocks = dispatched?.type === 'dispatched' ? dispatched.clocks : [];
  // The deadline after extensions: the last handling clock an event set.
  let due: number | null = null;
  for (const e of events) {
    if (e.type === 'dispatched') due = e.clocks.find((c) => c.key === 'handle')?.dueAt ?? due;
    if (e.type === 'extensionDecided' && e.handleClock) due = e.handleClock.dueAt;
  }
  const lead = state.assignments.find((a) => a.id === state.leadAssignmentId)!;
  return {
    i, id: syntheticId, unit: lead.unitId, status: state.status, received: iso(state.receivedAt), dispatched: iso(lead.dispatchedAt),
    sign_for_due: iso(dispatchClocks.find((c) => c.name === 'signFor')?.dueAt), signed: iso(lead.signedAt),
    original_due: iso(dispatchClocks.find((c) => c.key === 'handle')?.dueAt), due: iso(due),
    result_submitted: iso(state.results.filter((r) => r.assignmentId === lead.id).at(-1)?.submittedAt), closed: iso(state.closedAt),
    rehandles: state.counters.rehandles, returns: state.counters.returns, extensions: state.counters.extensions, supervisions: state.counters.supervisions,
  };
}

/** The projected columns the indicators read, of a case and its lead assignment. */
async function indicatorColumns(caseId: string) {
  const row = await testPrisma().case.findUniqueOrThrow({ where: { id: caseId }, include: { assignments: { where: { role: 'lead' } } } });
  const lead = row.assignments[0]!;
  const time = (d: Date | null) => d?.getTime() ?? null;
  return {
    status: row.status, leadUnitId: row.leadUnitId, dispatchedAt: time(row.dispatchedAt), signForDueAt: time(row.signForDueAt), signedAt: time(row.signedAt),
    handleDueAt: time(row.handleDueAt), finalHandleDueAt: time(row.finalHandleDueAt), originalHandleDueAt: time(row.originalHandleDueAt),
    resultSubmittedAt: time(row.resultSubmittedAt), closedAt: time(row.closedAt), rehandleCount: row.rehandleCount, returnCount: row.returnCount,
    extensionCount: row.extensionCount, supervisionCount: row.supervisionCount,
    lead: { unitId: lead.unitId, status: lead.status, dispatchedAt: time(lead.dispatchedAt), signForDueAt: time(lead.signForDueAt), signedAt: time(lead.signedAt), dueAt: time(lead.dueAt) },
  };
}

describe('statistics: the synthetic generator writes what the projection writes', () => {
  const t = useHarnessAt('2026-05-11 09:00', 'all');

  it('gives the same deadline, completion and counter columns for the same cases', async () => {
    const states: PetitionState[] = [];
    for (const path of PATHS) {
      const handle = await t.h.register({ receivedAt: new Date(await t.env.currentTimeMs()).toISOString() });
      let state = await t.h.state(handle);
      for (const step of path) state = await step(t.h, handle);
      await waitUntil(async () => ((await testPrisma().case.findUnique({ where: { id: state.caseId } }))?.projectionVersion ?? 0) >= state.seq);
      states.push(state);
    }
    const syntheticId = (caseId: string) => `8${caseId}`;
    const facts = await Promise.all(states.map((state, i) => factsOf(state, i, syntheticId(state.caseId))));
    const json = JSON.stringify(facts).replace(/'/g, "''");
    await insertProjectedCaseRows((sql) => testPrisma().$executeRawUnsafe(sql), `(SELECT * FROM jsonb_to_recordset('${json}'::jsonb) AS f(${SYNTHETIC_FACT_COLUMNS}))`);

    assert.deepEqual(states.map((s) => s.status), ['dispatched', 'signed', 'resultSubmitted', 'unitApproved', 'callback', 'closed', 'closed']);
    for (const state of states) {
      assert.deepEqual(await indicatorColumns(syntheticId(state.caseId)), await indicatorColumns(state.caseId), `case ${state.caseId} (${state.status})`);
    }
    const extended = await indicatorColumns(states.at(-1)!.caseId);
    assert.ok(extended.finalHandleDueAt! > extended.originalHandleDueAt!, 'the extended case keeps both its original and its final deadline');
  });
});
