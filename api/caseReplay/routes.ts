// /api/cases/:id/state, /state-diff, /temporal-history and /case-file: what an auditor asks of
// a case's past.
// Rebuilt from the audit trail, never from the projection, so that what the auditor sees is
// what the trail proves.
import { temporalClient } from '../temporalClient';
import { Router } from 'express';
import type { AppDeps } from '../deps';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import type { Role } from '../auth/tokens';
import { contentDisposition } from '../attachments/contentDisposition';
import { caseIdParams } from '../cases/params';
import { recordIdentityRead } from '../cases/identityReads';
import { HttpError } from '../http/errors';
import { replayEvents } from '../../rules/lifecycle/replay';
import { buildCaseFile } from './caseFile';
import { loadLifecycleEvents, presentReplay, stateDiff } from './caseStates';
import { recordCaseFileExport } from './exportAudit';
import { fetchWorkflowHistories } from './temporalHistory';
import { stateDiffQuery, stateQuery } from './schemas';

export const REPLAY_ROLES: Role[] = ['auditor', 'supervisor', 'admin'];

export type CaseReplayDeps = Pick<AppDeps, 'prisma' | 'temporal' | 'namespace' | 'dataConverter' | 'jwtSecret' | 'version' | 'now'>;

export function caseReplayRoutes(deps: CaseReplayDeps): Router {
  const router = Router({ mergeParams: true });
  const client = temporalClient(deps);
  const now = () => deps.now?.() ?? new Date();
  // Per route, not router.use: this router is mounted at /api/cases/:id, under which the other
  // case routes (history, commands…) must not get its role check.
  const allowed = [requireAuth(deps.jwtSecret), requireRoles(...REPLAY_ROLES)];

  const existingCaseId = async (params: unknown): Promise<string> => {
    const { id } = caseIdParams.parse(params);
    const row = await deps.prisma.case.findUnique({ where: { id }, select: { id: true } });
    if (!row) throw new HttpError(404, 'not_found', `no case ${id}`);
    return id;
  };

  router.get('/state', ...allowed, async (req, res) => {
    const query = stateQuery.parse(req.query);
    const id = await existingCaseId(req.params);
    const asOf = query.asOf ?? now().getTime();
    res.json(presentReplay(id, asOf, replayEvents(await loadLifecycleEvents(deps.prisma, id), asOf)));
  });

  router.get('/state-diff', ...allowed, async (req, res) => {
    const query = stateDiffQuery.parse(req.query);
    const id = await existingCaseId(req.params);
    res.json(stateDiff(id, await loadLifecycleEvents(deps.prisma, id), query.from, query.to));
  });

  // The raw Temporal history alone (the console's table), without exporting the whole file. The
  // workflow's input holds the citizen's name and phone: reading it is an identity read.
  router.get('/temporal-history', ...allowed, async (req, res) => {
    const { id } = caseIdParams.parse(req.params);
    const row = await deps.prisma.case.findUnique({ where: { id }, select: { workflowId: true, citizenName: true, citizenPhone: true } });
    if (!row) throw new HttpError(404, 'not_found', `no case ${id}`);
    const histories = await fetchWorkflowHistories(client, row.workflowId);
    if (histories.available && (row.citizenName || row.citizenPhone)) await recordIdentityRead(deps.prisma, id, req.user!);
    res.json({ caseId: id, workflowId: row.workflowId, ...histories });
  });

  router.get('/case-file', ...allowed, async (req, res) => {
    const id = await existingCaseId(req.params);
    const caseFile = await buildCaseFile({ prisma: deps.prisma, client, version: deps.version, now }, id, req.user!);
    if (!caseFile) throw new HttpError(404, 'not_found', `no case ${id}`);
    // The file carries the citizen's name and phone in full: an identity read, and an export.
    if (caseFile.projection.citizenName || caseFile.projection.citizenPhone) await recordIdentityRead(deps.prisma, id, req.user!);
    await recordCaseFileExport(deps.prisma, id, req.user!, caseFile.generated.at);
    res
      .status(200)
      .type('application/json')
      .set('Content-Disposition', contentDisposition(`case-${id}.json`))
      // BigInt ids (audit rows are numbered by a bigint sequence) as strings.
      .send(JSON.stringify(caseFile, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2));
  });

  return router;
}
