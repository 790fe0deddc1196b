// What a command on an evicted case pays before its own work: the worker fetches the case's
// history and replays it through the workflow code in a fresh module scope. This bench replays
// recorded histories of the product (tests/fixtures/histories) through the product's bundle,
// beside the same for the bare-Temporal baseline workflow (bench/baseline), in one process.
//   npm run bench:replay                 BENCH_REPLAYS=100 (replays per history and round)
// Each history is replayed in two rounds; the second (warm) round is reported.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import { loadEnv } from '../config/env';
import { temporalDataConverter } from '../config/temporal';
import { freePort } from '../scripts/lib/ports';
import { ensureLocalTemporal } from '../scripts/services/temporal';
import { HISTORY_FIXTURES } from '../tests/support/histories';
import { workflowBundle } from '../worker/createWorker';
import { answerUpdate } from './baseline/workflows';
import { log } from './stack';

const REPLAYS = Number(process.env.BENCH_REPLAYS ?? 100);
type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;

/** One bare workflow run on a dev server of its own: start, the Update answered, the timer pending. */
async function recordBaselineHistory(): Promise<{ history: History; bundle: WorkflowBundle }> {
  const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'bench-replay-'));
  const temporal = await ensureLocalTemporal({ dataRoot, port: await freePort(), uiPort: await freePort(), namespace: 'default', log });
  const dataConverter = temporalDataConverter(loadEnv());
  const connection = await Connection.connect({ address: temporal.address });
  const workerConnection = await NativeConnection.connect({ address: temporal.address });
  try {
    const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('./baseline/workflows'), logger: new DefaultLogger('WARN') });
    const taskQueue = `bench-replay-${randomUUID()}`;
    const worker = await Worker.create({ connection: workerConnection, taskQueue, workflowBundle: { code }, dataConverter });
    const client = new Client({ connection, dataConverter });
    const history = await worker.runUntil(async () => {
      const handle = await client.workflow.start('bareWorkflow', { taskQueue, workflowId: `bare-${randomUUID()}` });
      await handle.executeUpdate(answerUpdate, { args: ['answered'] });
      return handle.fetchHistory();
    });
    return { history, bundle: { code } };
  } finally {
    await connection.close();
    await workerConnection.close();
    await temporal.stop();
    rmSync(dataRoot, { recursive: true, force: true });
  }
}

function fixture(name: string): History {
  return JSON.parse(readFileSync(path.join(HISTORY_FIXTURES, name), 'utf8')) as History;
}

/** The recorded happy path up to its second Update (signFor): a case just dispatched, waiting on its deadlines. */
function justDispatched(lifecycle: History): History {
  const events = lifecycle.events!;
  const updates = events.flatMap((event, index) => (String(event.eventType).includes('UPDATE_ACCEPTED') ? [index] : []));
  return { ...lifecycle, events: events.slice(0, updates[1]) };
}

/** ms per replay, warm round. */
async function replayCost(bundle: WorkflowBundle, history: History): Promise<number> {
  const dataConverter = temporalDataConverter(loadEnv());
  let msEach = 0;
  for (const round of [1, 2]) {
    const histories = Array.from({ length: REPLAYS }, (_, i) => ({ workflowId: `replay-${round}-${i}`, history }));
    const started = performance.now();
    for await (const result of Worker.runReplayHistories({ workflowBundle: bundle, replayName: 'bench', dataConverter }, histories)) {
      if (result.error) throw result.error;
    }
    msEach = (performance.now() - started) / REPLAYS;
  }
  return msEach;
}

async function main(): Promise<void> {
  // The recording worker has no activities, which the SDK warns about.
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const baseline = await recordBaselineHistory();
  const lifecycle = fixture('happy-path-local-steps.json');
  const dispatched = justDispatched(lifecycle);
  const product = await workflowBundle();
  const rows: [string, WorkflowBundle, History][] = [
    ['baseline: the bare workflow', baseline.bundle, baseline.history],
    ['a case just dispatched', product, dispatched],
    ['a whole lifecycle (happy path)', product, lifecycle],
  ];
  const costs: number[] = [];
  for (const [what, bundle, history] of rows) {
    const ms = await replayCost(bundle, history);
    costs.push(ms);
    log(`replay of ${what} (${history.events!.length} events): ${ms.toFixed(1)} ms each over ${REPLAYS}`);
  }
  console.log(`replay: baseline ${costs[0]!.toFixed(1)} ms; case just dispatched ${costs[1]!.toFixed(1)} ms; whole lifecycle ${costs[2]!.toFixed(1)} ms`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
