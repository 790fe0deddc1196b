// A case workflow's Temporal event history as JSON, every run of it: a case continues as new
// after many events (workflows/petition/workflow.ts), and each run's first event names the run
// it continued, so the chain is walked back from the latest run. Temporal holds the payloads
// encrypted (lib/payloadCodec.ts); they are decoded here with the client's own codecs, so that the
// auditor's copy reads (and replays) without the keys.
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { decodePayloadsInPlace } from '../../lib/payloadCodec';

export interface RunHistory {
  runId: string;
  /** The history as tests/support/histories.ts records fixtures (Temporal's proto JSON). */
  history: unknown;
}

export type WorkflowHistories = { available: true; runs: RunHistory[] } | { available: false; reason: string; runs: [] };

/** Guards against a malformed chain: far more runs than a case could ever make. */
const MAX_RUNS = 1000;

export async function fetchWorkflowHistories(client: Client, workflowId: string): Promise<WorkflowHistories> {
  const runs: RunHistory[] = [];
  let runId: string | undefined;
  try {
    runId = (await client.workflow.getHandle(workflowId).describe()).runId;
    while (runId && runs.length < MAX_RUNS) {
      const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
      await decodePayloadsInPlace(history, client.options.loadedDataConverter.payloadCodecs);
      runs.push({ runId, history: JSON.parse(historyToJSON(history)) });
      runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
    }
  } catch (error) {
    // Cases loaded without a workflow (synthetic data), or past Temporal's retention.
    if (error instanceof WorkflowNotFoundError) return { available: false, reason: `Temporal keeps no history of workflow ${workflowId}${runId ? ` run ${runId}` : ''}`, runs: [] };
    throw error;
  }
  return { available: true, runs: runs.reverse() };
}
