// /api/rules-broadcast: how far the telling of open cases has come after a rules change
// (workflows/rulesBroadcast), and an admin's "tell the open cases again" (after Temporal was
// unreachable when the change was saved, or to be sure). Asking again is audited.
import { ServiceError, WorkflowNotFoundError, type WorkflowExecutionStatusName } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { recordAdminChange } from '../audit/record';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import type { Role } from '../auth/tokens';
import { HttpError } from '../http/errors';
import { temporalClient } from '../temporalClient';
import { requestRulesBroadcast } from './request';
import { requiredText } from '../../rules/text';
import { rulesBroadcastProgressQuery, RULES_BROADCAST_WORKFLOW_ID, type RulesBroadcastProgress } from '../../workflows/rulesBroadcast/definitions';

export const RULES_BROADCAST_READERS: Role[] = ['admin', 'supervisor', 'auditor'];
export const rulesBroadcastBody = z.object({ reason: requiredText(500) });

/** How long the progress query may wait for a worker before the answer goes without it. */
const PROGRESS_QUERY_MS = 5_000;

export interface RulesBroadcastStatus {
  id: string;
  runId: string;
  /** Temporal's status of the broadcast's latest run (RUNNING, COMPLETED, …). */
  executionStatus: WorkflowExecutionStatusName;
  /** Null when no worker answered in time (the broadcast goes on regardless) or the run was terminated. */
  progress: RulesBroadcastProgress | null;
}

export function rulesBroadcastRoutes(deps: Pick<AppDeps, 'prisma' | 'temporal' | 'namespace' | 'dataConverter' | 'taskQueue' | 'jwtSecret' | 'log'>): Router {
  const router = Router();
  const client = temporalClient(deps);
  router.use(requireAuth(deps.jwtSecret));

  router.get('/', requireRoles(...RULES_BROADCAST_READERS), async (_req, res) => {
    const handle = client.workflow.getHandle(RULES_BROADCAST_WORKFLOW_ID);
    try {
      const description = await handle.describe();
      const status: RulesBroadcastStatus = { id: description.workflowId, runId: description.runId, executionStatus: description.status.name, progress: null };
      if (description.status.name === 'COMPLETED') status.progress = (await handle.result()) as RulesBroadcastProgress;
      else if (description.status.name === 'RUNNING') {
        status.progress = await client.withDeadline(Date.now() + PROGRESS_QUERY_MS, () => handle.query(rulesBroadcastProgressQuery)).catch((error: unknown) => {
          deps.log.warn({ err: error }, 'rules broadcast progress not answered');
          return null;
        });
      }
      res.json(status);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw new HttpError(404, 'not_found', 'no rules broadcast has run yet');
      if (error instanceof ServiceError) throw new HttpError(503, 'unavailable', `Temporal did not answer: ${error.message}`);
      throw error;
    }
  });

  router.post('/', requireRoles('admin'), async (req, res) => {
    const { reason } = rulesBroadcastBody.parse(req.body);
    const answer = await requestRulesBroadcast(client, deps.taskQueue, deps.log, { change: 'rulesBroadcastRequested', subject: 'openCases', reason, actorId: req.user!.sub });
    if (answer.status !== 'requested') throw new HttpError(503, 'unavailable', `the broadcast could not be requested: ${answer.status === 'unreachable' ? answer.error : answer.status}`);
    await deps.prisma.$transaction((tx) => recordAdminChange(tx, req.user!, { entityType: 'rulesBroadcast', entityId: answer.id, action: 'rulesBroadcastRequested', reason, before: null, after: { runId: answer.runId } }));
    res.status(202).json(answer);
  });

  return router;
}
