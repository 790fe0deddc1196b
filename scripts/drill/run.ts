// The chaos drill: case scripts (intake, dispatch, urge) at a set concurrency over four
// phases; in each, once a quarter of its intakes are acknowledged, one process of the stack is
// killed with SIGKILL (the worker, the API, the Temporal server, PostgreSQL) and its
// supervisor brings it back. Then the system settles, the ledger is held against the
// projection and the audit trail, and the audit hash chains are verified.
import { randomBytes } from 'node:crypto';
import { verifyAllChains } from '../../api/audit/verifyChain';
import type { VerifyAllReport } from '../../api/audit/verificationReport';
import { createPrismaClient } from '../../prisma/client';
import { DEMO_PASSWORD } from '../../prisma/seed/users';
import { waitFor } from '../lib/ports';
import type { ServiceName } from '../services/stack';
import { login, type RetryBounds } from './client';
import { isAcknowledged, runCaseScript, runPool, type LoadTarget, type Operation, type OperationKind } from './load';
import { allAcknowledgedVisible, sightings, tallies, type Tally } from './reconcile';
import { startDrillStack, type DrillStack } from './stack';

export const KILL_ORDER: ServiceName[] = ['worker', 'api', 'temporal', 'postgres'];

export interface DrillOptions {
  intakes: number;
  concurrency: number;
  log: (message: string) => void;
  bounds?: RetryBounds;
  /** How long to wait, after the load, for every acknowledged operation to show. */
  settleTimeoutMs?: number;
}

export interface Kill {
  service: ServiceName;
  /** Since the phase began. */
  killedAfterMs: number;
  /** From the kill until its supervisor started it again, and until it served again. */
  restartedAfterMs: number;
  servingAfterMs: number;
}

export interface PhaseResult {
  kill: Kill;
  byKind: Map<OperationKind, Tally>;
}

export interface DrillResult {
  runId: string;
  intakes: number;
  concurrency: number;
  phases: PhaseResult[];
  settledAfterMs: number;
  auditChains: VerifyAllReport;
  /** Where the stack's files and logs are (kept when the drill failed). */
  workDir: string;
  failed: boolean;
}

export async function runDrill(options: DrillOptions): Promise<DrillResult> {
  const runId = randomBytes(4).toString('hex');
  const drill = await startDrillStack(options.log);
  let failed = true;
  try {
    const target: LoadTarget = {
      apiUrl: drill.apiUrl,
      operatorToken: await login(drill.apiUrl, 'operator', DEMO_PASSWORD),
      dispatcherToken: await login(drill.apiUrl, 'dispatcher', DEMO_PASSWORD),
      runId,
      bounds: options.bounds,
    };
    const ledger: Operation[] = [];
    const kills: Kill[] = [];
    let nextIndex = 0;
    for (const [phase, service] of KILL_ORDER.entries()) {
      await allServing(drill);
      const count = Math.floor(options.intakes / KILL_ORDER.length) + (phase < options.intakes % KILL_ORDER.length ? 1 : 0);
      const first = nextIndex;
      nextIndex += count;
      options.log(`phase ${phase + 1}: ${count} cases; killing the ${service} once ${Math.ceil(count / 4)} intakes are acknowledged`);
      kills.push(await phaseWithKill(drill, service, count, Math.ceil(count / 4), (onIntake) =>
        runPool(count, options.concurrency, (i) => runCaseScript(target, phase, first + i, ledger, onIntake)),
      ));
      const kill = kills.at(-1)!;
      options.log(`phase ${phase + 1}: the ${service} was killed at +${seconds(kill.killedAfterMs)}, restarted after ${seconds(kill.restartedAfterMs)}, served again after ${seconds(kill.servingAfterMs)}`);
    }

    const settleStarted = Date.now();
    options.log('load done; waiting for every acknowledged operation to show');
    await allServing(drill);
    let seen = await sightings(drill.databaseUrl, runId);
    const settleDeadline = settleStarted + (options.settleTimeoutMs ?? 120_000);
    while (!allAcknowledgedVisible(ledger, seen) && Date.now() < settleDeadline) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      seen = await sightings(drill.databaseUrl, runId);
    }
    // A little longer, so that late doubles (a retried intake's second workflow) show too.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    seen = await sightings(drill.databaseUrl, runId);
    const settledAfterMs = Date.now() - settleStarted;

    const prisma = createPrismaClient(drill.databaseUrl, { max: 2 });
    const auditChains = await verifyAllChains(prisma).finally(() => prisma.$disconnect());
    const byPhase = tallies(ledger, seen);
    const phases = kills.map((kill, phase) => ({ kill, byKind: byPhase.get(phase) ?? new Map<OperationKind, Tally>() }));
    const bad = phases.some((p) => [...p.byKind.values()].some((t) => t.lost > 0 || t.doubled > 0 || t.unanswered > 0));
    failed = bad || !auditChains.ok || ledger.filter((op) => op.kind === 'intake' && isAcknowledged(op.answer)).length === 0;
    return { runId, intakes: options.intakes, concurrency: options.concurrency, phases, settledAfterMs, auditChains, workDir: drill.workDir, failed };
  } finally {
    await drill.stop({ keepFiles: failed });
  }
}

/**
 * Runs the phase's load and, once `killAfter` intakes are acknowledged, kills `service` and
 * waits until its supervisor has it serving again.
 */
async function phaseWithKill(drill: DrillStack, service: ServiceName, count: number, killAfter: number, load: (onIntake: (op: Operation) => void) => Promise<void>): Promise<Kill> {
  const started = Date.now();
  let acknowledged = 0;
  let killed: Promise<Kill> | null = null;
  const killNow = () => {
    if (killed) return;
    killed = killAndRecover(drill, service, started);
    // Awaited below, after the load; a failure must not go unhandled meanwhile.
    killed.catch(() => {});
  };
  await load((op) => {
    if (isAcknowledged(op.answer)) acknowledged += 1;
    if (acknowledged >= Math.min(killAfter, count)) killNow();
  });
  // Every intake refused or unanswered: the kill still happens, after the load.
  killNow();
  return killed!;
}

async function killAndRecover(drill: DrillStack, name: ServiceName, phaseStarted: number): Promise<Kill> {
  const service = drill.stack.service(name);
  const restarted = service.nextStart();
  const killedAt = Date.now();
  if (!service.signal('SIGKILL')) throw new Error(`the ${name} was not running when its turn to be killed came`);
  await restarted;
  const restartedAt = Date.now();
  await waitFor(`the ${name} after its restart`, () => drill.ready(name), 180_000, 250);
  return { service: name, killedAfterMs: killedAt - phaseStarted, restartedAfterMs: restartedAt - killedAt, servingAfterMs: Date.now() - killedAt };
}

/** Every process serves: each phase starts from a whole system. */
async function allServing(drill: DrillStack): Promise<void> {
  for (const name of KILL_ORDER) await waitFor(`the ${name}`, () => drill.ready(name), 180_000, 250);
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
