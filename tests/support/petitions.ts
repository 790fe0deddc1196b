// Drives real petition workflows on a test Temporal server with the real activities and the
// test database, and checks the projection against the workflow's own state.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { OutboundTelephony } from '../../activities/deps';
import { createLogger } from '../../config/logger';
import type { CommandName } from '../../rules/lifecycle/commands';
import { lifecycleEvents, replayEvents } from '../../rules/lifecycle/replay';
import type { Actor, PetitionState } from '../../rules/lifecycle/types';
import { commandUpdates, getStateQuery } from '../../workflows/petition/definitions';
import type { Registration } from '../../workflows/petition/types';
import type { petitionWorkflow } from '../../workflows/petition/workflow';
import { createWorker } from '../../worker/createWorker';
import { sampleRegistration } from './cases';
import { shanghai } from './calendar';
import { createTimeSkippingEnvAt, testDataConverter } from './temporal';
import { testPrisma } from './db';
import { actors } from './lifecycle';
import { TEST_LINKS } from './links';
import { testOutboundTelephony } from './twilio';

/** A unit's result that solved the problem. */
export const SOLVED = { actionsTaken: '已清理占道摊点', replyToCitizen: '摊贩已劝离，已安排巡查。', handlerName: '张三', citizenContacted: true, resolved: true };

export class PetitionHarness {
  readonly taskQueue = `test-${randomUUID()}`;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(readonly env: TestWorkflowEnvironment) {}

  get client(): Client {
    return this.env.client;
  }

  /** `telephony`: where SMS and calls go (default: a closed port, so sends fail and are retried). */
  async startWorker(options: { telephony?: OutboundTelephony } = {}): Promise<void> {
    const telephony = options.telephony ?? testOutboundTelephony(TEST_LINKS.baseUrl);
    this.worker = await createWorker({ connection: this.env.nativeConnection, namespace: this.env.namespace ?? 'default', taskQueue: this.taskQueue, dataConverter: testDataConverter(), deps: { prisma: testPrisma(), log: createLogger('test', 'silent'), telephony, links: TEST_LINKS } });
    this.running = this.worker.run();
  }

  async stopWorker(): Promise<void> {
    this.worker?.shutdown();
    await this.running;
    this.worker = undefined;
  }

  /** Registers a case and waits until its registration is projected. */
  async register(overrides: Partial<Registration> = {}): Promise<WorkflowHandle<typeof petitionWorkflow>> {
    const registration = sampleRegistration(overrides);
    const handle = await this.client.workflow.start<typeof petitionWorkflow>('petitionWorkflow', { args: [{ registration }], taskQueue: this.taskQueue, workflowId: registration.caseId });
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: registration.caseId } })) !== null);
    return handle;
  }

  command(handle: WorkflowHandle, name: CommandName, input: unknown, actor: Actor): Promise<PetitionState> {
    return handle.executeUpdate(commandUpdates[name], { args: [{ input, actor }] });
  }

  /**
   * Registers a case for `citizenPhone` and carries it to the callback stage: dispatched to
   * 城管局, signed for, resolved, approved by its leader, accepted by the hotline office.
   */
  async registerInCallback(citizenPhone: string): Promise<{ handle: WorkflowHandle<typeof petitionWorkflow>; state: PetitionState; callbackId: string }> {
    const handle = await this.register({ citizenPhone });
    await this.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    await this.command(handle, 'signFor', {}, actors.leadHandler);
    await this.command(handle, 'submitResult', SOLVED, actors.leadHandler);
    await this.command(handle, 'unitApprove', {}, actors.leadLeader);
    const state = await this.command(handle, 'review', { accept: true }, actors.dispatcher);
    return { handle, state, callbackId: state.callbacks.at(-1)!.id };
  }

  state(handle: WorkflowHandle): Promise<PetitionState> {
    return handle.query(getStateQuery);
  }
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The projection and the audit trail say exactly what the workflow's state says, and replaying
 * the trail (rules/lifecycle/replay.ts) rebuilds that very state.
 */
export async function assertProjectionMatches(state: PetitionState): Promise<void> {
  await waitUntil(async () => ((await testPrisma().case.findUnique({ where: { id: state.caseId } }))?.projectionVersion ?? 0) >= state.seq);
  const row = await testPrisma().case.findUniqueOrThrow({ where: { id: state.caseId }, include: { assignments: true } });
  const lead = state.assignments.find((a) => a.id === state.leadAssignmentId);
  const handle = state.clocks.find((c) => c.key === 'handle');
  // Once the lead's result went up the clock stops, and the deadline it stopped at stays.
  const approved = state.results.filter((r) => r.assignmentId === state.leadAssignmentId && r.unitApprovedAt !== null).at(-1);
  const finalHandleDueAt = handle ? null : (approved?.handleDueAt ?? null);
  assert.deepEqual(
    {
      status: row.status, warningLevel: row.warningLevel, escalationLevel: row.escalationLevel, leadUnitId: row.leadUnitId,
      handleDueAt: row.handleDueAt?.getTime() ?? null, finalHandleDueAt: row.finalHandleDueAt?.getTime() ?? null, closedAt: row.closedAt?.getTime() ?? null, archivedAt: row.archivedAt?.getTime() ?? null,
      returns: row.returnCount, extensions: row.extensionCount, rehandles: row.rehandleCount, urges: row.urgeCount, supervisions: row.supervisionCount,
      satisfaction: row.satisfaction, version: row.projectionVersion,
      suspension: [row.suspendedAt?.getTime() ?? null, row.suspendedUntil?.getTime() ?? null, row.suspendedWorkingDays],
    },
    {
      status: state.status, warningLevel: state.warningLevel, escalationLevel: state.escalationLevel, leadUnitId: lead?.unitId ?? null,
      handleDueAt: handle?.dueAt ?? null, finalHandleDueAt, closedAt: state.closedAt, archivedAt: state.archivedAt,
      returns: state.counters.returns, extensions: state.counters.extensions, rehandles: state.counters.rehandles, urges: state.counters.urges, supervisions: state.counters.supervisions,
      satisfaction: state.satisfaction, version: state.seq,
      suspension: [state.suspension?.suspendedAt ?? null, state.suspension?.resumeAt ?? null, state.suspendedWorkingDays ?? 0],
    },
  );
  assert.deepEqual(
    row.assignments.map((a) => [a.id, a.unitId, a.role, a.status]).sort(),
    state.assignments.map((a) => [a.id, a.unitId, a.role, a.status]).sort(),
  );
  // The list's unit scope reads these: every unit with an assignment, in any role or round.
  assert.deepEqual(row.assignedUnitIds, [...new Set(row.assignments.map((a) => a.unitId))].sort(), 'the case row names the units of its assignments');
  // The overdue board reads this: the earliest deadline a unit (or the lead's sub-unit) owes; none while suspended.
  const owed = state.clocks.filter((c) => ['signFor', 'handle', 'assistOpinion', 'subHandle'].includes(c.name) && c.pausedAt == null).map((c) => c.dueAt);
  assert.equal(row.nextDueAt?.getTime() ?? null, owed.length > 0 ? Math.min(...owed) : null, 'the case row keeps its earliest running duty deadline');
  // The API's light turns yellow by this: the earliest yellow point of a running duty clock still green.
  const yellowing = state.clocks.filter((c) => ['signFor', 'handle', 'assistOpinion', 'subHandle'].includes(c.name) && c.pausedAt == null && c.level === 'green').map((c) => c.yellowAt);
  assert.equal(row.nextYellowAt?.getTime() ?? null, yellowing.length > 0 ? Math.min(...yellowing) : null, 'the case row keeps its earliest yellow point still ahead');
  const audit = await testPrisma().auditEvent.findMany({ where: { caseId: state.caseId }, orderBy: { occurredAt: 'asc' } });
  assert.equal(audit.length, state.seq, 'one audit event per transition');
  assert.deepEqual(audit.map((e) => Number(e.idempotencyKey.split(':')[1])).sort((a, b) => a - b), Array.from({ length: state.seq }, (_, i) => i + 1));
  // The queried state crossed Temporal's JSON converter: compare the replay as JSON too.
  const replayed = replayEvents(lifecycleEvents(state.caseId, audit).filter((e) => e.seq <= state.seq)).state;
  assert.deepEqual(JSON.parse(JSON.stringify(replayed)), state, 'the audit trail replays to the workflow state');
}

/**
 * Mocha hooks giving each test (`each`) or the whole suite a Temporal test environment with a
 * worker on it. Read `env` and `h` inside the tests.
 */
export function useHarness(createEnv: () => Promise<TestWorkflowEnvironment>, scope: 'each' | 'all'): { readonly env: TestWorkflowEnvironment; readonly h: PetitionHarness } {
  const box: { env?: TestWorkflowEnvironment; h?: PetitionHarness } = {};
  const setUp = async () => {
    box.env = await createEnv();
    box.h = new PetitionHarness(box.env);
    await box.h.startWorker();
  };
  const tearDown = async () => {
    await box.h?.stopWorker();
    await box.env?.teardown();
  };
  if (scope === 'each') {
    beforeEach(setUp);
    afterEach(tearDown);
  } else {
    before(setUp);
    after(tearDown);
  }
  return {
    get env() {
      return box.env!;
    },
    get h() {
      return box.h!;
    },
  };
}

/** useHarness on a time-skipping server whose clock starts at a Shanghai wall-clock time. */
export function useHarnessAt(local: string, scope: 'each' | 'all') {
  return useHarness(() => createTimeSkippingEnvAt(new Date(shanghai(local))), scope);
}
