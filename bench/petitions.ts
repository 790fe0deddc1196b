// `npm run bench`: the product's engine path measured the way a city uses it, through its own
// HTTP API, beside a bare-Temporal baseline run on the same Temporal server in the same run.
//
//   1. baseline: a trivial workflow (start, one Update answered, a timer left pending) on a
//      worker process of its own, at each concurrency of the sweep;
//   2. intake: `POST /api/cases` (operator) then `POST /api/cases/:id/commands/dispatch`
//      (dispatcher) per case, at each concurrency of the sweep; every answer checked, the receipt
//      SMS going to a local Twilio endpoint this bench starts (counted);
//   3. memory: cases opened up to BENCH_OPEN_CASES, then the worker's own report after a full
//      garbage collection (worker/heapReport.ts), with V8's heap by space;
//   4. commands: the lead unit's handler signs for cases the worker still caches (the last
//      opened) and for cases it evicted long ago (the first opened: replayed from history), one
//      at a time and 20 at once;
//   5. the midnight burst (midnightBurst.ts): every open case's sign-for deadline moved to one
//      instant by the supervisor; how late the red transitions and their projections land; first
//      its baseline (baselineBurst.ts): as many bare workflows' timers ending at one instant;
//   6. the rules broadcast (rulesBroadcast.ts): a calendar change reaching every open case, as
//      an admin makes it, beside the same signals sent directly from this process.
//
// The stack: a fresh database on the project's PostgreSQL, a Temporal dev server (SQLite, as
// `npm start` runs it), the product's worker as its own process, the API in this process.
//   BENCH_CASES=200 BENCH_SWEEP=5,20,60 BENCH_BASELINE=300 BENCH_OPEN_CASES=10000 BENCH_BURST=1 npm run bench
// WORKER_METRICS_ADDRESS=127.0.0.1:9464 also splits each command run by the worker's own
// workflow-task histograms (commandTiming.ts).
// Its last line: `intake: N cases/s; baseline: M/s; ratio: R; worker RSS at K open: X MiB`.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, type Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { createApp } from '../api/app';
import { signAccessToken, type Role } from '../api/auth/tokens';
import { loadEnv } from '../config/env';
import { createLogger } from '../config/logger';
import { temporalDataConverter } from '../config/temporal';
import { startLocalTwilio, type LocalTwilio } from '../dev/localTwilio';
import type { PrismaClient } from '../prisma/client';
import { waitFor } from '../scripts/lib/ports';
import { DiskStore } from '../storage/diskStore';
import { telephonyDeps } from '../telephony/deps';
import type { HeapReport } from '../worker/heapReport';
import { BASELINE_TASK_QUEUE, startBaselineWorker } from './baseline/process';
import { answerUpdate } from './baseline/workflows';
import { baselineBurst } from './baselineBurst';
import { watchCommandTiming } from './commandTiming';
import { describeSlowest, type TimedCall } from './slowCommands';
import { cpuPerUnit, cpuSnapshot, waitForQuietMachine } from './cpuShare';
import { describeBurst, measureBurst, planBurst } from './midnightBurst';
import { measureRulesBroadcast } from './rulesBroadcast';
import { describe, firstFailureLogger, runPool, type Run } from './pool';
import { log, startBenchStack } from './stack';

const CASES = Number(process.env.BENCH_CASES ?? 200);
const SWEEP = (process.env.BENCH_SWEEP ?? '5,20,60').split(',').map(Number);
const BASELINE = Number(process.env.BENCH_BASELINE ?? 300);
const OPEN_CASES = Number(process.env.BENCH_OPEN_CASES ?? 10_000);
/** BENCH_BURST=0 leaves out the midnight burst. */
const BURST = process.env.BENCH_BURST !== '0';
/** BENCH_BROADCAST=0 leaves out the rules broadcast. */
const BROADCAST = process.env.BENCH_BROADCAST !== '0';
const TASK_QUEUE = 'bench-petitions';
const SECRET = 'bench-jwt-secret-0123456789-0123456789';

/** The bare workflow on its own worker process: the engine's own cost per case on this server. */
async function baseline(connection: Connection, temporalAddress: string, dataConverter: DataConverter, productWorkerPid: number): Promise<Run[]> {
  const worker = startBaselineWorker(temporalAddress);
  const client = new Client({ connection, dataConverter });
  const one = async () => {
    const handle = await client.workflow.start('bareWorkflow', { taskQueue: BASELINE_TASK_QUEUE, workflowId: `bare-${randomUUID()}` });
    await handle.executeUpdate(answerUpdate, { args: ['answered'] });
  };
  try {
    await waitFor('the baseline worker', one, 120_000, 1000);
    const runs: Run[] = [];
    for (const concurrency of SWEEP) {
      const cpuBefore = cpuSnapshot();
      const run = await runPool(BASELINE, concurrency, one, (error) => log(`  baseline failure: ${String(error)}`));
      log(`  baseline ${describe(run)}`);
      log(`           CPU per workflow: ${cpuPerUnit(cpuBefore, cpuSnapshot(), run.count - run.failures, { 'baseline worker': worker.pid, bench: process.pid, 'product worker (starting)': productWorkerPid }, ['temporal', 'postgres'])}`);
      runs.push(run);
    }
    return runs;
  } finally {
    await worker.stop();
  }
}

interface Api {
  url: string;
  twilio: LocalTwilio;
}

/** A user's bearer token, signed again every half hour (an access token lives an hour at most; a run can be longer). */
async function tokenFor(prisma: PrismaClient, userId: string): Promise<() => string> {
  const { sessionVersion, username, roles, unitId } = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true, username: true, roles: true, unitId: true } });
  let token = '';
  let signedAt = -Infinity;
  return () => {
    if (performance.now() - signedAt > 30 * 60_000) {
      token = signAccessToken({ sub: userId, username, roles: roles as Role[], unitId, sv: sessionVersion }, SECRET, 3600);
      signedAt = performance.now();
    }
    return token;
  };
}

/** POST with an Idempotency-Key; a 503 is sent again with the same key, as a client does. */
async function send(url: string, token: () => string, body: unknown): Promise<Response> {
  const key = randomUUID();
  const post = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}`, 'idempotency-key': key }, body: JSON.stringify(body) });
  let response = await post();
  for (let retries = 0; response.status === 503 && retries < 10; retries++) {
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    response = await post();
  }
  return response;
}

/**
 * One case as an office handles it: registered by an operator, dispatched by a dispatcher, both
 * over HTTP; the ids of the dispatched cases in the order they were dispatched.
 */
function caseRunner(api: Api, tokens: { operator: () => string; dispatcher: () => string }, dispatchedIds: string[]) {
  let serial = 0;
  return async () => {
    serial += 1;
    const registered = await send(`${api.url}/api/cases`, tokens.operator, {
      channel: 'phone', caseTypeCode: serial % 3 === 0 ? 'report' : 'complaint', categoryId: 'cat-urban.street-vending',
      title: `占道经营 ${serial}`, content: '路口每晚有摊贩占道经营，影响通行。', citizenPhone: `+86139${String(10_000_000 + serial)}`, address: `东湖区解放路${serial}号`,
    });
    const answer = (await registered.json()) as { caseId?: string };
    if (registered.status !== 201 || !answer.caseId) throw new Error(`intake answered ${registered.status}: ${JSON.stringify(answer)}`);
    const dispatched = await send(`${api.url}/api/cases/${answer.caseId}/commands/dispatch`, tokens.dispatcher, { leadUnitId: 'chengguan', assistUnitIds: [] });
    const state = (await dispatched.json()) as { status?: string };
    if (dispatched.status !== 200 || state.status !== 'dispatched') throw new Error(`dispatch answered ${dispatched.status}: ${JSON.stringify(state)}`);
    dispatchedIds.push(answer.caseId);
  };
}

/** The lead unit's handler signs for each case, alone and 20 at once. */
async function signForRuns(api: Api, token: () => string, caseIds: string[], what: string, client: Client): Promise<Run[]> {
  const runs: Run[] = [];
  const half = Math.floor(caseIds.length / 2);
  const calls: TimedCall[] = [];
  const signFor = (ids: string[]) => async (n: number) => {
    const sentAt = Date.now();
    const response = await send(`${api.url}/api/cases/${ids[n]}/commands/signFor`, token, {});
    const state = (await response.json()) as { status?: string };
    if (response.status !== 200 || state.status !== 'signed') throw new Error(`signFor answered ${response.status}: ${JSON.stringify(state)}`);
    calls.push({ caseId: ids[n]!, sentAt, answeredAt: Date.now() });
  };
  for (const [ids, concurrency] of [[caseIds.slice(0, half), 1], [caseIds.slice(half), 20]] as const) {
    calls.length = 0;
    const timing = await watchCommandTiming(process.env.WORKER_METRICS_ADDRESS);
    const run = await runPool(ids.length, concurrency, signFor(ids), (error) => log(`  command failure: ${String(error)}`));
    log(`  signFor on ${what} ${describe(run)}`);
    log(`           ${await timing.stop()}`);
    // One at a time, a command's wall time is its own: where the slowest spent it.
    if (concurrency === 1) for (const line of await describeSlowest(client, calls)) log(`           slowest: ${line}`);
    runs.push(run);
  }
  return runs;
}

/** The midnight burst (midnightBurst.ts): the supervisor moves every open case's sign-for deadline to one instant, 20 at once. */
async function midnightBurst(api: Api, prisma: PrismaClient, caseIds: string[], overridesPerSecond: number, workerPid: number): Promise<void> {
  const supervisor = await tokenFor(prisma, 'user-supervisor');
  const plan = await planBurst(prisma, caseIds, overridesPerSecond);
  log(`midnight burst: the supervisor moves ${plan.clocks.length} sign-for deadlines to ${new Date(plan.instant).toISOString()}, 20 at once`);
  const dueAt = new Date(plan.instant).toISOString();
  const override = async (n: number) => {
    const { caseId, clockKey } = plan.clocks[n]!;
    const response = await send(`${api.url}/api/cases/${caseId}/commands/overrideDeadline`, supervisor, { clockKey, dueAt, reason: '午夜集中到期压测' });
    if (response.status !== 200) throw new Error(`overrideDeadline answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer().catch(() => undefined);
  };
  const run = await runPool(plan.clocks.length, 20, override, (error) => log(`  override failure: ${String(error)}`));
  log(`  overrideDeadline ${describe(run)}`);
  if (Date.now() >= plan.instant) log('  the overrides outlasted the instant: what follows is not one burst');
  const report = await measureBurst(prisma, plan);
  log(`  ${describeBurst(report)}`);
  // Polled once a second: up to a second of what follows the last projection is counted too.
  log(`           CPU per case from the instant to the last projection: ${cpuPerUnit(report.cpu.atInstant, report.cpu.atLastProjection, report.turnedRed, { worker: workerPid, 'API and bench': process.pid }, ['temporal', 'postgres'])}`);
}

async function main(): Promise<void> {
  const env = loadEnv();
  const heapFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-heap-')), 'heap.json');
  let api: Api | undefined;
  const stack = await startBenchStack(TASK_QUEUE, {
    // BENCH_WORKER_NODE_OPTIONS: more Node options for the worker, e.g. --max-old-space-size=400 to see its live heap.
    workerNodeOptions: ['--expose-gc', ...(process.env.BENCH_WORKER_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [])],
    prepare: async ({ databaseUrl, prisma, connection }) => {
      // The receipt SMS and its status callbacks go through the local Twilio endpoint, never to
      // whatever else listens on this machine.
      const twilio = await startLocalTwilio({ port: 0, accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, log: createLogger('local-twilio', 'warn') });
      const app = createApp({
        prisma, temporal: connection, namespace: 'default', dataConverter: temporalDataConverter(env), taskQueue: TASK_QUEUE, log: createLogger('bench-api', 'error'), jwtSecret: SECRET,
        publicLinkSecret: env.PUBLIC_LINK_SECRET, accessTtlSeconds: 3600, version: 'bench', adminUiDir: '/nonexistent',
        attachmentStore: new DiskStore(path.join(os.tmpdir(), 'bench-attachments')), attachmentMaxBytes: 1024 * 1024,
        twilio: telephonyDeps({ ...env, TWILIO_API_BASE_URL: twilio.url }), databaseUrl,
      });
      const server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      api = { url, twilio };
      return {
        workerEnv: { TWILIO_API_BASE_URL: twilio.url, PUBLIC_BASE_URL: url, HEAP_REPORT_FILE: heapFile },
        stop: async () => {
          await new Promise((resolve) => server.close(resolve));
          await (app.locals.intake as { close(): Promise<void> } | undefined)?.close();
          await twilio.close();
        },
      };
    },
  });
  try {
    const { prisma, connection, worker } = stack;
    log(`baseline: ${BASELINE} bare workflows (start, one Update, a pending timer) per step of the sweep`);
    const baselineRuns = await baseline(connection, stack.temporalAddress, temporalDataConverter(env), worker.pid!);

    const dispatchedIds: string[] = [];
    const oneCase = caseRunner(api!, { operator: await tokenFor(prisma, 'user-operator'), dispatcher: await tokenFor(prisma, 'user-dispatcher') }, dispatchedIds);
    // The worker bundles its workflow code when it starts.
    await waitFor('the product worker', oneCase, 180_000, 1000);
    log(`intake: ${CASES} cases per step, POST /api/cases then dispatch over HTTP, each answer checked`);
    const intakeRuns: Run[] = [];
    const logIntakeFailure = firstFailureLogger('intake failure');
    for (const concurrency of SWEEP) {
      const cpuBefore = cpuSnapshot();
      const run = await runPool(CASES, concurrency, oneCase, logIntakeFailure);
      log(`  intake   ${describe(run)}`);
      log(`           CPU per case: ${cpuPerUnit(cpuBefore, cpuSnapshot(), run.count - run.failures, { worker: worker.pid!, 'API and bench': process.pid }, ['temporal', 'postgres'])}`);
      intakeRuns.push(run);
    }
    const opened = 1 + intakeRuns.reduce((sum, run) => sum + run.count - run.failures, 0);
    // Citizens' numbers are +86139…; the units' notices go to their handlers' phones.
    const receipts = () => api!.twilio.messages().filter((message) => message.to.startsWith('+86139')).length;
    await waitFor('the receipt SMS', async () => {
      if (receipts() < opened) throw new Error(`${receipts()} of ${opened}`);
    }, 60_000, 500).catch((error: Error) => log(`  receipt SMS: ${error.message}`));
    log(`  receipt SMS at the local Twilio endpoint: ${receipts()} for ${opened} cases`);

    const best = (runs: Run[]) => runs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    const bestIntake = best(intakeRuns);
    const remaining = Math.max(0, OPEN_CASES - opened);
    log(`memory: opening ${remaining} more cases (${OPEN_CASES} in all) at ${bestIntake.concurrency} at once, each waiting on its deadlines`);
    const openRun = await runPool(remaining, bestIntake.concurrency, oneCase, firstFailureLogger('failure while opening'));
    log(`  opened at ${openRun.perSecond.toFixed(1)}/s${openRun.failures ? `, ${openRun.failures} FAILED` : ''}`);
    const open = await prisma.case.count({ where: { status: 'dispatched' } });
    // Let the last timers and SMS settle, then ask the worker for its report after a full collection.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    rmSync(heapFile, { force: true });
    if (worker.exitCode !== null) throw new Error(`the worker exited (${worker.exitCode})`);
    process.kill(worker.pid!, 'SIGUSR2');
    const report = await waitFor('the heap report', async () => JSON.parse(readFileSync(heapFile, 'utf8')) as HeapReport, 30_000, 200);
    log(`  worker after ${report.collected ? 'a full GC of its main thread' : 'no GC (not started with --expose-gc)'}: RSS ${report.rssMiB} MiB = main thread's V8 heap ${report.heapTotalMiB} MiB (used ${report.heapUsedMiB}) + outside the main thread's heap ${report.outsideHeapMiB} MiB (the workflow threads' heaps, the SDK's core; external ${report.externalMiB}, array buffers ${report.arrayBuffersMiB})`);
    log(`  heap by space (used/size MiB): ${report.spaces.filter((s) => s.sizeMiB >= 1).map((s) => `${s.name} ${s.usedMiB}/${s.sizeMiB}`).join(', ')}`);

    // The worker keeps WORKER_MAX_CACHED_WORKFLOWS cases; the first opened were evicted long ago.
    // 100 alone per kind where the cases allow, so that a p99 is not merely the slowest answer.
    const handler = await tokenFor(prisma, 'user-handler');
    const sample = Math.min(200, Math.floor(dispatchedIds.length / 10) * 2);
    const cachedSample = Math.min(sample, env.WORKER_MAX_CACHED_WORKFLOWS);
    log(`  ${await waitForQuietMachine()}`);
    log(`commands: signFor of chengguan's handler on the ${cachedSample} last cases opened (cached) and on the ${sample} first (evicted, ${dispatchedIds.length} opened), half one at a time, half 20 at once`);
    const client = new Client({ connection, namespace: 'default', dataConverter: temporalDataConverter(env) });
    const commandRuns = [
      ...(await signForRuns(api!, handler, dispatchedIds.slice(-cachedSample), 'cached cases ', client)),
      ...(await signForRuns(api!, handler, dispatchedIds.slice(0, sample), 'evicted cases', client)),
    ];
    // Most of the cases the supervisor overrides are evicted: plan with the slower rate of 20 at
    // once, or the overrides outlast the instant (at 10,000 open the cached rate planned 9.8 min
    // for 11 min of overrides).
    const overrideRate = Math.min(...commandRuns.filter((run) => run.concurrency > 1).map((run) => run.perSecond));
    if (BURST) {
      // The engine alone first, as many bare timers as the product's burst has cases, then the product's.
      const { clocks } = await planBurst(prisma, dispatchedIds, overrideRate);
      log(`  ${await baselineBurst(client, { count: clocks.length, temporalAddress: stack.temporalAddress, named: { bench: process.pid, 'product worker': worker.pid! } })}`);
      await midnightBurst(api!, prisma, dispatchedIds, overrideRate, worker.pid!);
    }
    if (BROADCAST) {
      log(`rules broadcast: a calendar change reaching every open case`);
      log(`  ${await measureRulesBroadcast(api!.url, await tokenFor(prisma, 'user-admin'), client, prisma)}`);
    }

    const bestBaseline = best(baselineRuns);
    const ratio = bestIntake.perSecond / bestBaseline.perSecond;
    console.log(`intake: ${bestIntake.perSecond.toFixed(1)} cases/s; baseline: ${bestBaseline.perSecond.toFixed(1)}/s; ratio: ${ratio.toFixed(2)}; worker RSS at ${open} open: ${Math.round(report.rssMiB)} MiB`);
  } finally {
    await stack.stop();
    rmSync(path.dirname(heapFile), { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
