// How long the worker takes to start, and what it holds once started: from the kept workflow
// bundle (worker/workflowBundle.ts), as a deployed worker restarts, beside a first start that
// runs webpack itself, alternating, in one run.
//   npm run bench:start                  BENCH_STARTS=2 (starts of each kind)
// A start ends when the worker's CPU time stops growing for a second.
import { processCpu } from './cpuShare';
import { log, rssMiB, startBenchStack } from './stack';

const STARTS = Number(process.env.BENCH_STARTS ?? 2);

async function oneStart(keptBundle: boolean): Promise<{ seconds: number; cpu: number; rss: number }> {
  const stack = await startBenchStack('bench-start', { keptBundle });
  try {
    const pid = stack.worker.pid!;
    const started = performance.now();
    let cpu = -1;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const now = processCpu(pid).seconds;
      if (now === cpu) break;
      cpu = now;
    }
    return { seconds: (performance.now() - started) / 1000 - 1, cpu, rss: rssMiB(pid) };
  } finally {
    await stack.stop();
  }
}

async function main(): Promise<void> {
  const results: Record<'built' | 'kept', { seconds: number; cpu: number; rss: number }[]> = { built: [], kept: [] };
  for (let n = 0; n < STARTS; n += 1) {
    for (const kind of ['built', 'kept'] as const) {
      const result = await oneStart(kind === 'kept');
      log(`worker start, bundle ${kind === 'kept' ? 'kept on disk' : 'built by webpack'}: ${result.seconds.toFixed(0)} s, ${result.cpu.toFixed(1)} CPU s, RSS ${result.rss.toFixed(0)} MiB`);
      results[kind].push(result);
    }
  }
  const mean = (kind: 'built' | 'kept', key: 'seconds' | 'cpu' | 'rss') => results[kind].reduce((sum, r) => sum + r[key], 0) / STARTS;
  console.log(`worker start: built ${mean('built', 'seconds').toFixed(1)} s, ${mean('built', 'cpu').toFixed(1)} CPU s, RSS ${mean('built', 'rss').toFixed(0)} MiB; kept ${mean('kept', 'seconds').toFixed(1)} s, ${mean('kept', 'cpu').toFixed(1)} CPU s, RSS ${mean('kept', 'rss').toFixed(0)} MiB`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
