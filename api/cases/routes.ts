// /api/cases: intake, the list and a case (from the projection), its history, and commands
// (each one an Update of the case's workflow).
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { Router, type Request } from 'express';
import type { AppDeps } from '../app';
import { commandInputs, isCommandName } from '../../workflows/rules/lifecycle/commands';
import type { Actor } from '../../workflows/rules/lifecycle/types';
import { commandUpdates } from '../../workflows/petition/definitions';
import { isUnitScoped, maskName, maskPhone, requireRoles, seesCitizenIdentity } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import type { AccessClaims } from '../auth/tokens';
import { fieldErrors, HttpError } from '../http/errors';
import { commandRefusal } from '../http/commandRefusal';
import { caseIntake } from './intake';
import { caseListQuery, caseWhere, toOrderBy } from './listQuery';
import { registrationBody } from './registration';

export type CaseRouteDeps = Pick<AppDeps, 'prisma' | 'temporal' | 'namespace' | 'taskQueue' | 'log' | 'jwtSecret' | 'now' | 'publicLinkSecret'>;

function actorOf(user: AccessClaims): Actor {
  return { id: user.sub, roles: user.roles, unitId: user.unitId };
}

type CaseRow = { citizenName: string | null; citizenPhone: string | null; queryPasswordHash?: string | null };

/** What a user may see of a case row: no password hash ever; masked identity for units. */
function present<T extends CaseRow>(row: T, user: AccessClaims): Omit<T, 'queryPasswordHash'> {
  const { queryPasswordHash: _hidden, ...rest } = row;
  if (seesCitizenIdentity(user)) return rest;
  return { ...rest, citizenName: maskName(row.citizenName), citizenPhone: maskPhone(row.citizenPhone) };
}

export function caseRoutes(deps: CaseRouteDeps): Router {
  const router = Router();
  const client = new Client({ connection: deps.temporal, namespace: deps.namespace });
  const registerCase = caseIntake(deps);
  router.use(requireAuth(deps.jwtSecret));

  /** The case if the user may see it (404 otherwise, so that existence does not leak). */
  const visibleCase = async (req: Request, id: string) => {
    const row = await deps.prisma.case.findFirst({ where: { AND: [{ id }, caseWhere({}, req.user!)] } });
    if (!row) throw new HttpError(404, 'not_found', `no case ${id}`);
    return row;
  };

  router.post('/', requireRoles('operator', 'dispatcher'), async (req, res) => {
    const registered = await registerCase(registrationBody.parse(req.body), actorOf(req.user!));
    res.status(201).json({ id: registered.caseId, ...registered });
  });

  router.get('/', async (req, res) => {
    const query = caseListQuery.parse(req.query);
    const where = caseWhere(query.filter, req.user!);
    const [total, rows] = await Promise.all([
      deps.prisma.case.count({ where }),
      deps.prisma.case.findMany({ where, orderBy: toOrderBy(query.sort), skip: query.range[0], take: query.range[1] - query.range[0] + 1 }),
    ]);
    const end = rows.length === 0 ? query.range[0] : query.range[0] + rows.length - 1;
    res.set('Content-Range', `cases ${query.range[0]}-${end}/${total}`).set('Access-Control-Expose-Headers', 'Content-Range');
    res.json(rows.map((row) => present(row, req.user!)));
  });

  router.get('/:id', async (req, res) => {
    const row = await visibleCase(req, req.params.id!);
    const [assignments, results, callbacks, urges, supervisions] = await Promise.all([
      deps.prisma.caseAssignment.findMany({ where: { caseId: row.id }, orderBy: { dispatchedAt: 'asc' } }),
      deps.prisma.caseResult.findMany({ where: { caseId: row.id }, orderBy: { submittedAt: 'asc' } }),
      deps.prisma.callback.findMany({ where: { caseId: row.id }, orderBy: { round: 'asc' } }),
      deps.prisma.urge.findMany({ where: { caseId: row.id }, orderBy: { createdAt: 'asc' } }),
      deps.prisma.supervisionNotice.findMany({ where: { caseId: row.id }, orderBy: { issuedAt: 'asc' } }),
    ]);
    if (seesCitizenIdentity(req.user!)) {
      deps.log.info({ caseId: row.id, userId: req.user!.sub }, 'citizen identity read');
    }
    res.json({ ...present(row, req.user!), assignments, results, callbacks, urges, supervisions });
  });

  router.get('/:id/history', async (req, res) => {
    const row = await visibleCase(req, req.params.id!);
    const events = await deps.prisma.auditEvent.findMany({ where: { caseId: row.id }, orderBy: { id: 'asc' } });
    res.json(events.map((e) => ({ ...e, id: String(e.id) })));
  });

  router.post('/:id/commands/:command', async (req, res) => {
    const { id, command } = req.params as { id: string; command: string };
    if (!isCommandName(command)) throw new HttpError(404, 'not_found', `no command ${command}`);
    const parsed = commandInputs[command].safeParse(req.body ?? {});
    if (!parsed.success) throw new HttpError(400, 'invalid_request', `invalid ${command} input`, fieldErrors(parsed.error));
    // Units act only on cases they can see; the workflow then checks their exact part in it.
    // A citizen's re-review goes through the public API, not here.
    if (isUnitScoped(req.user!)) await visibleCase(req, id);
    try {
      const state = await client.workflow.getHandle(id).executeUpdate(commandUpdates[command], { args: [{ input: req.body ?? {}, actor: actorOf(req.user!) }] });
      res.json(state);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw new HttpError(404, 'not_found', `no open case ${id}`);
      throw commandRefusal(error) ?? error;
    }
  });

  return router;
}

