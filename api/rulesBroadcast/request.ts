// After a change that open cases read (calendar, policies, rule settings) the API asks the rules
// broadcast (workflows/rulesBroadcast) to tell every open case: one signal-with-start, so the
// admin's request returns at once and the telling survives the API's own end.
import type { Client } from '@temporalio/client';
import type { Logger } from '../../config/logger';
import { rulesBroadcastRequestedSignal, RULES_BROADCAST_WORKFLOW_ID, type RulesBroadcastRequest } from '../../workflows/rulesBroadcast/definitions';
import { rulesBroadcastWorkflow } from '../../workflows/rulesBroadcast/workflow';

/**
 * What a change's answer says about the open cases: `requested` (the broadcast runs; follow it
 * at GET /api/rules-broadcast), `unchanged` (nothing open cases read changed), or `unreachable`
 * (Temporal refused: the change stands, and an admin asks again with POST /api/rules-broadcast).
 */
export type RulesBroadcastAnswer = { status: 'requested'; id: string; runId: string } | { status: 'unchanged' } | { status: 'unreachable'; error: string };

export const RULES_UNCHANGED: RulesBroadcastAnswer = { status: 'unchanged' };

export async function requestRulesBroadcast(client: Client, taskQueue: string, log: Logger, request: Omit<RulesBroadcastRequest, 'requestedAt'>): Promise<RulesBroadcastAnswer> {
  try {
    const handle = await client.workflow.signalWithStart(rulesBroadcastWorkflow, {
      workflowId: RULES_BROADCAST_WORKFLOW_ID,
      taskQueue,
      args: [{}],
      signal: rulesBroadcastRequestedSignal,
      signalArgs: [{ ...request, requestedAt: new Date().toISOString() }],
    });
    return { status: 'requested', id: handle.workflowId, runId: handle.signaledRunId };
  } catch (error) {
    log.error({ err: error, change: request.change, subject: request.subject }, 'the rules broadcast could not be requested; open cases keep their rules until an admin asks again (POST /api/rules-broadcast)');
    return { status: 'unreachable', error: error instanceof Error ? error.message : String(error) };
  }
}
