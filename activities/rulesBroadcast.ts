// The rules broadcast's steps (workflows/rulesBroadcast): find the open cases through Temporal's
// visibility, page by page, and signal them. They use the worker's own client, which carries the
// payload codec like every other client.
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Logger } from '../config/logger';
import { rulesChangedSignal } from '../workflows/petition/definitions';

/** Every running case: a petition workflow lives exactly as long as its case is open. */
export const OPEN_CASES_QUERY = "WorkflowType = 'petitionWorkflow' AND ExecutionStatus = 'Running'";

/** Signals in flight at once while a page is told. */
const SIGNAL_CONCURRENCY = 16;

export function createRulesBroadcastActivities(deps: { log: Logger }) {
  return {
    async countOpenCases(): Promise<number> {
      const { count } = await Context.current().client.workflow.count(OPEN_CASES_QUERY);
      return count;
    },

    /** One page of open case ids and the token of the next (absent on the last page). */
    async listOpenCasePage(input: { pageToken?: string; pageSize: number }): Promise<{ caseIds: string[]; nextPageToken?: string }> {
      const { client, info } = Context.current();
      const page = await client.workflowService.listWorkflowExecutions({
        namespace: info.workflowNamespace,
        query: OPEN_CASES_QUERY,
        pageSize: input.pageSize,
        nextPageToken: input.pageToken ? Buffer.from(input.pageToken, 'base64') : undefined,
      });
      const caseIds = (page.executions ?? []).map((execution) => execution.execution?.workflowId).filter((id): id is string => Boolean(id));
      const next = page.nextPageToken && page.nextPageToken.length > 0 ? Buffer.from(page.nextPageToken).toString('base64') : undefined;
      return next ? { caseIds, nextPageToken: next } : { caseIds };
    },

    /** Signals rulesChanged to each case; a case that closed meanwhile is counted, not retried. */
    async tellOpenCasesRulesChanged(input: { caseIds: string[] }): Promise<{ told: number; closed: number }> {
      const context = Context.current();
      let next = 0;
      let told = 0;
      let closed = 0;
      await Promise.all(
        Array.from({ length: Math.min(SIGNAL_CONCURRENCY, input.caseIds.length) }, async () => {
          while (next < input.caseIds.length) {
            const caseId = input.caseIds[next++]!;
            try {
              await context.client.workflow.getHandle(caseId).signal(rulesChangedSignal);
              told++;
            } catch (error) {
              if (!(error instanceof WorkflowNotFoundError)) throw error;
              closed++;
            }
            context.heartbeat();
          }
        }),
      );
      deps.log.info({ told, closed }, 'open cases told that the rules changed');
      return { told, closed };
    },
  };
}

export type RulesBroadcastActivities = ReturnType<typeof createRulesBroadcastActivities>;
