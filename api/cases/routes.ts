// /api/cases: intake, the list and a case (from the projection), its history, and commands
// (each one an Update of the case's workflow).
import { hash } from '@node-rs/argon2';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Router, type Request } from 'express';
import type { AppDeps } from '../app';
import { commandInputs, isCommandName } from '../../workflows/rules/lifecycle/commands';
import type { Actor } from '../../workflows/rules/lifecycle/types';
import { commandUpdates } from '../../workflows/petition/definitions';
import type { Registration } from '../../workflows/petition/types';
import { isUnitScoped, maskName, maskPhone, requireRoles, seesCitizenIdentity } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import type { AccessClaims } from '../auth/tokens';
import { fieldErrors, HttpError } from '../http/errors';
import { issueCaseNumber, newQueryPassword } from './caseNumbers';
import { caseListQuery, caseWhere, toOrderBy } from './listQuery';
import { registrationBody } from './registration';

export type CaseRouteDeps = Pick<AppDeps, 'prisma' | 'temporal' | 'namespace' | 'taskQueue' | 'log' | 'jwtSecret' | 'now'>;

const REFUSAL_STATUS: Record<string, number> = { invalidInput: 400, forbidden: 403, invalidState: 409 };

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
  const now = () => deps.now?.() ?? new Date();
  router.use(requireAuth(deps.jwtSecret));

  /** The case if the user may see it (404 otherwise, so that existence does not leak). */
  const visibleCase = async (req: Request, id: string) => {
    const row = await deps.prisma.case.findFirst({ where: { AND: [{ id }, caseWhere({}, req.user!)] } });
    if (!row) throw new HttpError(404, 'not_found', `no case ${id}`);
    return row;
  };

  router.post('/', requireRoles('operator', 'dispatcher'), async (req, res) => {
    const body = registrationBody.parse(req.body);
    const [caseType, category] = await Promise.all([
      deps.prisma.caseType.findFirst({ where: { code: body.caseTypeCode, active: true } }),
      body.categoryId ? deps.prisma.category.findFirst({ where: { id: body.categoryId, active: true } }) : null,
    ]);
    const fields: Record<string, string> = {};
    if (!caseType) fields.caseTypeCode = 'no such case type';
    if (body.categoryId && !category) fields.categoryId = 'no such category';
    if (Object.keys(fields).length > 0) throw new HttpError(400, 'invalid_request', 'the request has invalid fields', fields);

    const receivedAt = body.receivedAt ? new Date(body.receivedAt) : now();
    const caseId = await issueCaseNumber(deps.prisma, receivedAt);
    const queryPassword = newQueryPassword();
    const { receivedAt: _received, ...rest } = body;
    const registration: Registration = {
      ...rest,
      caseId,
      receivedAt: receivedAt.toISOString(),
      registeredBy: actorOf(req.user!),
      queryPasswordHash: await hash(queryPassword),
    };
    const windowDays = Number((await deps.prisma.ruleSetting.findUnique({ where: { key: 'duplicate.windowDays' } }))?.value ?? 30);
    const since = new Date(receivedAt.getTime() - windowDays * 86_400_000);
    // Looked up before the new case exists, so it is not its own duplicate.
    const [callerHistory, samePlace] = await Promise.all([
      body.citizenPhone
        ? deps.prisma.case.findMany({ where: { citizenPhone: body.citizenPhone }, orderBy: { receivedAt: 'desc' }, take: 10, select: { id: true, title: true, status: true, receivedAt: true, caseTypeCode: true } })
        : [],
      body.address && body.categoryId
        ? deps.prisma.case.findMany({ where: { address: body.address, categoryId: body.categoryId, receivedAt: { gte: since } }, take: 10, select: { id: true, title: true, status: true, receivedAt: true } })
        : [],
    ]);
    const open = (status: string) => !['closed', 'archived', 'rejected', 'merged', 'answeredDirectly'].includes(status);
    const duplicateCandidates = [
      ...callerHistory.filter((c) => c.receivedAt >= since && open(c.status)).map((c) => ({ ...c, reason: 'sameCaller' as const })),
      ...samePlace.filter((c) => open(c.status)).map((c) => ({ ...c, reason: 'samePlaceAndCategory' as const })),
    ];
    await client.workflow.start('petitionWorkflow', { args: [{ registration }], taskQueue: deps.taskQueue, workflowId: caseId });
    deps.log.info({ caseId, userId: req.user!.sub }, 'case registered');
    res.status(201).json({ id: caseId, caseId, queryPassword, duplicateCandidates, callerHistory });
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
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        const status = REFUSAL_STATUS[error.cause.type ?? ''];
        if (status) {
          const fields = (error.cause.details?.[0] as Record<string, string> | undefined) ?? undefined;
          throw new HttpError(status, error.cause.type!, error.cause.message, fields);
        }
      }
      throw error;
    }
  });

  return router;
}

