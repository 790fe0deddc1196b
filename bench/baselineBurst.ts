// The midnight burst's baseline: what the engine alone does when N workflows' timers end in the
// same millisecond, on the same Temporal server and machine as the product's burst, with a worker
// cached and threaded like the product's. Each bare workflow is started waiting on a deadline,
// told the instant (as the supervisor's override tells each case), sleeps until it and closes:
// its close time is when its one workflow task after the timer completed.
// If the bare engine cannot wake N workflows within a bound, no case workflow woken per case can.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { BASELINE_TASK_QUEUE, startBaselineWorker } from './baseline/process';
import { moveDeadlineSignal } from './baseline/workflows';
import { cpuPerUnit } from './cpuShare';
import { describeLateness, lateness, watchFromInstant } from './midnightBurst';
import { firstFailureLogger, runPool, describe } from './pool';
import { log } from './stack';

const WORKFLOW_TYPE = 'bareDeadlineWorkflow';

export interface BaselineBurstOptions {
  count: number;
  temporalAddress: string;
  /** Pids to name in the CPU split beside the baseline's worker (this process, the idle product worker). */
  named: Record<string, number>;
  /** How long after the instant to wait for the last close. */
  timeoutMs?: number;
}

/** Starts `count` bare workflows due at one instant, waits for them to close, and says how late they were. */
export async function baselineBurst(client: Client, options: BaselineBurstOptions): Promise<string> {
  const { count, timeoutMs = 600_000 } = options;
  const worker = startBaselineWorker(options.temporalAddress);
  const run = `burst-${randomUUID()}`;
  const query = `WorkflowType = '${WORKFLOW_TYPE}' AND ExecutionStatus = 'Completed' AND WorkflowId STARTS_WITH '${run}-'`;
  try {
    log(`burst baseline: ${count} bare workflows waiting on a deadline, started 20 at once, then each told one instant (a signal)`);
    const starts = await runPool(count, 20, async (n) => {
      await client.workflow.start(WORKFLOW_TYPE, { taskQueue: BASELINE_TASK_QUEUE, workflowId: `${run}-${n}` });
    }, firstFailureLogger('start failure'));
    log(`  started ${describe(starts)}`);
    // The signals take about as long as the starts: half as long again, and half a minute, so that none lands after the instant.
    const instant = Math.ceil((Date.now() + (count / starts.perSecond) * 1_500 + 30_000) / 1000) * 1000;
    const signals = await runPool(count, 20, async (n) => {
      await client.workflow.getHandle(`${run}-${n}`).signal(moveDeadlineSignal, instant);
    }, firstFailureLogger('signal failure'));
    log(`  told ${new Date(instant).toISOString()} ${describe(signals)}`);
    if (Date.now() >= instant) log('  the signals outlasted the instant: what follows is not one burst');
    const started = count - signals.failures;
    const { atInstant, atEnd: atLastClose } = await watchFromInstant(instant, started, async () => (await client.workflow.count(query)).count, 'closed', timeoutMs);
    const late: number[] = [];
    for await (const workflow of client.workflow.list({ query, pageSize: 1000 })) if (workflow.closeTime) late.push(workflow.closeTime.getTime() - instant);
    // Polled once a second: up to a second of what follows the last close is counted too.
    return (
      `${late.length} of ${started} closed after the instant: ${describeLateness(lateness(late))}\n` +
      `           CPU per workflow from the instant to the last close: ${cpuPerUnit(atInstant, atLastClose, Math.max(1, late.length), { 'baseline worker': worker.pid, ...options.named }, ['temporal', 'postgres'])}`
    );
  } finally {
    await worker.stop();
  }
}
