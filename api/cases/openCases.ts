// Tells every open case that the rules changed (calendar or policies), so each recomputes its
// deadlines. Open cases are found through Temporal's visibility; signals go out a few at a time.
import type { Client } from '@temporalio/client';
import type { Logger } from '../../config/logger';
import { rulesChangedSignal } from '../../workflows/petition/definitions';

export async function signalRulesChanged(client: Client, log: Logger, concurrency = 16): Promise<number> {
  const ids: string[] = [];
  for await (const execution of client.workflow.list({ query: "WorkflowType = 'petitionWorkflow' AND ExecutionStatus = 'Running'" })) {
    ids.push(execution.workflowId);
  }
  let next = 0;
  let signalled = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, ids.length) }, async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        try {
          await client.workflow.getHandle(id).signal(rulesChangedSignal);
          signalled++;
        } catch (error) {
          // A case that closed meanwhile has no deadlines left to move.
          log.info({ caseId: id, err: error }, 'rules change not signalled');
        }
      }
    }),
  );
  log.info({ cases: signalled }, 'open cases told that the rules changed');
  return signalled;
}
