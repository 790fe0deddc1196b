// /api/cases: intake, the list and a case (from the projection, with the commands its workflow
// allows the user now), its history, and commands (each one an Update of the case's workflow).
import { QueryRejectedError, WorkflowNotFoundError } from '@temporalio/client';
import { temporalClient } from '../temporalClient';
import { Router, type Request } from 'express';
import type { AppDeps } from '../deps';
import { commandInputs, isCommandName, type CommandInput, type CommandName } from '../../rules/lifecycle/commands';
import type { Actor } from '../../rules/lifecycle/types';
import { allowedCommandsQuery, commandUpdates } from '../../workflows/petition/definitions';
import type { CommandRequest } from '../../workflows/petition/types';
import { isUnitScoped, requireRoles, seesCitizenIdentity } from '../auth/access';
import { maskName, maskPhone } from '../../lib/citizenIdentity';
import { requireAuth } from '../auth/middleware';
import type { AccessClaims } from '../auth/tokens';
import { fieldErrors, HttpError } from '../http/errors';
import { sendList } from '../http/simpleRest';
import { IDENTITY_READ, recordIdentityRead } from './identityReads';
import { citationProblems } from '../attachments/citations';
import { commandRefusal } from '../http/commandRefusal';
import { executeKeyedUpdate } from './keyedCommand';
import { intakeStatus, type IntakeDoorDeps } from './intake';
import { intakeScope } from './intakeRequests';
import { idempotencyKeyOf } from '../http/idempotencyKey';
import { caseIdParams } from './params';
import { caseListQuery, caseWhere, toOrderBy } from './listQuery';
import { casePage } from './caseList';
import { listColumnsFor, pickFields } from './listFields';
import { afterCursor, cursorAfter, isKeysetSort, readCursor } from './listCursor';
import { registrationBody } from './registration';
import { changeComplainedUnit, changeConfidentiality, complainedUnitBody, COMPLAINED_UNIT_ROLES, confidentialityBody, CONFIDENTIALITY_ROLES } from './confidentiality';
import { timeLeftOf } from './timeLeft';
import { warningLevelAt } from './warningNow';
import type { CaseDetail, CaseHistoryRow } from './answers';
import { workingCalendarCache } from '../../lib/workingCalendarCache';
import { knownIdentityOf, showsIdentity } from '../../lib/citizenIdentity';
import { unitSearchWhere } from '../privacy/unitSearch';

export type CaseRouteDeps = Pick<AppDeps, 'prisma' | 'temporal' | 'namespace' | 'dataConverter' | 'log' | 'jwtSecret' | 'now' | 'commandAnswerWithinMs'> & IntakeDoorDeps;

/**
 * How long a command waits for the case's answer. Past it the caller gets 503 (the command may
 * still take effect; its retry with the same key learns the outcome) instead of a request left
 * hanging while Temporal or the worker is swamped, e.g. by a night's deadlines.
 */
export const COMMAND_ANSWER_WITHIN_MS = 15_000;

function actorOf(user: AccessClaims): Actor {
  return { id: user.sub, roles: user.roles, unitId: user.unitId };
}

type CaseRow = { citizenName: string | null; citizenPhone: string | null; queryPasswordHash?: string | null };

/**
 * What a user may see of a case row: never the password hash; the citizen's name and phone
 * in full only on a single case read by an office role (and that read is audited), masked
 * in lists and for units.
 */
function present<T extends CaseRow>(row: T, identity: 'full' | 'masked'): Omit<T, 'queryPasswordHash'> {
  const { queryPasswordHash: _hidden, ...rest } = row;
  if (identity === 'full') return rest;
  return { ...rest, citizenName: maskName(row.citizenName), citizenPhone: maskPhone(row.citizenPhone) };
}

/** The Update ID of a command sent with an Idempotency-Key: the user's key, for that command. */
export function commandUpdateId(userId: string, command: string, key: string): string {
  return `${userId}:${command}:${key}`;
}

export function caseRoutes(deps: CaseRouteDeps): Router {
  const router = Router();
  const client = temporalClient(deps);
  // A closed workflow takes no more commands: the server says so without replaying its history.
  const openCases = temporalClient(deps, { queryRejectCondition: 'NOT_OPEN' });
  const calendar = workingCalendarCache(deps.prisma);
  const now = () => deps.now?.() ?? new Date();
  router.use(requireAuth(deps.jwtSecret));

  /** The case if the user may see it (404 otherwise, so that existence does not leak). */
  const visibleCase = async (req: Request) => {
    const { id } = caseIdParams.parse(req.params);
    const row = await deps.prisma.case.findFirst({ where: { AND: [{ id }, await caseWhere(deps.prisma, {}, req.user!)] } });
    if (!row) throw new HttpError(404, 'not_found', `no case ${id}`);
    return row;
  };

  /**
   * What the user could do to the case now, asked of its workflow (the authority; the same
   * Actor as a command's). Nothing for a finished case, and nothing while Temporal cannot
   * answer (no command could go through then either): the case itself still reads.
   */
  const allowedCommandsOf = async (caseId: string, user: AccessClaims): Promise<CommandName[]> => {
    try {
      return await openCases.workflow.getHandle(caseId).query(allowedCommandsQuery, actorOf(user));
    } catch (error) {
      if (!(error instanceof QueryRejectedError || error instanceof WorkflowNotFoundError)) deps.log.warn({ err: error, caseId }, 'allowed commands not known: the case answers none');
      return [];
    }
  };

  router.post('/', requireRoles('operator', 'dispatcher'), async (req, res) => {
    const key = idempotencyKeyOf(req);
    const outcome = await deps.intake.register({ registration: registrationBody.parse(req.body), registeredBy: actorOf(req.user!), scope: intakeScope.user(req.user!.sub), key });
    res.status(intakeStatus(outcome)).json({ id: outcome.registered.caseId, ...outcome.registered });
  });

  router.get('/', async (req, res) => {
    const query = caseListQuery.parse(req.query);
    const at = now();
    const filtered = await caseWhere(deps.prisma, query.filter, req.user!, at);
    const where = query.filter.q && isUnitScoped(req.user!) ? await unitSearchWhere(deps.prisma, req.user!, filtered, query.filter.q, toOrderBy(query.sort)) : filtered;
    const cursor = query.after === undefined ? undefined : readCursor(query.after, query.sort);
    if (cursor && 'refused' in cursor) throw new HttpError(400, 'invalid_request', `after: ${cursor.refused}`, { after: cursor.refused });
    const [sortField, direction] = query.sort;
    const columns = listColumnsFor(query.fields, sortField);
    const [{ rows, total }, workingCalendar] = await Promise.all([casePage(deps.prisma, where, toOrderBy(query.sort), query.range, columns, cursor && afterCursor(cursor)), calendar()]);
    const withTimeLeft = query.fields?.includes('timeLeft') ?? true;
    const items = rows.map((row) =>
      pickFields({ ...present(row, 'masked'), warningLevel: warningLevelAt(row, at), timeLeft: withTimeLeft ? timeLeftOf(row, at, workingCalendar) : null }, query.fields),
    );
    const last = rows.at(-1);
    // A full page may have more after it: where to continue by keyset (RFC 8288).
    if (last && rows.length === query.range[1] - query.range[0] + 1 && isKeysetSort(sortField)) {
      const next = new URLSearchParams({
        filter: JSON.stringify(query.filter), range: JSON.stringify(query.range), sort: JSON.stringify(query.sort),
        ...(query.fields ? { fields: JSON.stringify(query.fields) } : {}),
        after: cursorAfter(last, [sortField, direction]),
      });
      res.set('Link', `</api/cases?${next}>; rel="next"`);
    }
    sendList(res, 'cases', items, total, query.range);
  });

  router.get('/:id', async (req, res) => {
    const row = await visibleCase(req);
    const [assignments, results, callbacks, urges, supervisions, returnRequests, extensionRequests, contacts, allowedCommands] = await Promise.all([
      deps.prisma.caseAssignment.findMany({ where: { caseId: row.id }, orderBy: { dispatchedAt: 'asc' } }),
      deps.prisma.caseResult.findMany({ where: { caseId: row.id }, orderBy: { submittedAt: 'asc' } }),
      deps.prisma.callback.findMany({ where: { caseId: row.id }, orderBy: { round: 'asc' } }),
      deps.prisma.urge.findMany({ where: { caseId: row.id }, orderBy: { createdAt: 'asc' } }),
      deps.prisma.supervisionNotice.findMany({ where: { caseId: row.id }, orderBy: { issuedAt: 'asc' } }),
      // The reasons the office decides on: a unit's return and extension requests.
      deps.prisma.returnRequest.findMany({ where: { caseId: row.id }, orderBy: { requestedAt: 'asc' } }),
      deps.prisma.extensionRequest.findMany({ where: { caseId: row.id }, orderBy: { requestedAt: 'asc' } }),
      // 响应: the lead unit's contacts with the citizen (recordContact).
      deps.prisma.citizenContact.findMany({ where: { caseId: row.id }, orderBy: { contactedAt: 'asc' } }),
      allowedCommandsOf(row.id, req.user!),
    ]);
    const identity = seesCitizenIdentity(req.user!) && (row.citizenName || row.citizenPhone) ? 'full' : 'masked';
    if (identity === 'full') await recordIdentityRead(deps.prisma, row.id, req.user!, 'GET /api/cases/:id');
    const at = now();
    const timeLeft = timeLeftOf(row, at, await calendar());
    const answer: CaseDetail = { ...present(row, identity), warningLevel: warningLevelAt(row, at), timeLeft, assignments, results, callbacks, urges, supervisions, returnRequests, extensionRequests, contacts, allowedCommands };
    res.json(answer);
  });

  router.post('/:id/confidentiality', requireRoles(...CONFIDENTIALITY_ROLES), async (req, res) => {
    const { id } = caseIdParams.parse(req.params);
    res.json(await changeConfidentiality(deps.prisma, req.user!, id, confidentialityBody.parse(req.body ?? {})));
  });

  router.post('/:id/complained-unit', requireRoles(...COMPLAINED_UNIT_ROLES), async (req, res) => {
    const { id } = caseIdParams.parse(req.params);
    res.json(await changeComplainedUnit(deps.prisma, req.user!, id, complainedUnitBody.parse(req.body ?? {})));
  });

  router.get('/:id/identity-reads', requireRoles('auditor', 'supervisor', 'admin'), async (req, res) => {
    const row = await visibleCase(req);
    const reads = await deps.prisma.auditEvent.findMany({ where: { entityType: 'case', entityId: row.id, action: IDENTITY_READ }, orderBy: { id: 'desc' }, take: 500 });
    res.json(reads.map((e) => ({ id: String(e.id), actorId: e.actorId, actorRole: e.actorRole, actorUnitId: e.actorUnitId, occurredAt: e.occurredAt, confidential: (e.payload as { confidential?: boolean } | null)?.confidential === true })));
  });

  router.get('/:id/history', async (req, res) => {
    const row = await visibleCase(req);
    const events = (await deps.prisma.auditEvent.findMany({ where: { caseId: row.id }, orderBy: { id: 'asc' } })).map((e): CaseHistoryRow => ({ ...e, id: String(e.id) }));
    // Reasons and payloads may repeat the citizen's name or number (units get them masked on the
    // way out, api/privacy/maskResponses.ts): an office read of a trail that shows them is an
    // identity read.
    if (seesCitizenIdentity(req.user!) && showsIdentity(events, knownIdentityOf([row]))) await recordIdentityRead(deps.prisma, row.id, req.user!, 'GET /api/cases/:id/history');
    res.json(events);
  });

  router.post('/:id/commands/:command', async (req, res) => {
    const { command } = req.params as { command: string };
    if (!isCommandName(command)) throw new HttpError(404, 'not_found', `no command ${command}`);
    const { id } = caseIdParams.parse({ id: req.params.id });
    const key = idempotencyKeyOf(req);
    const parsed = commandInputs[command].safeParse(req.body ?? {});
    if (!parsed.success) throw new HttpError(400, 'invalid_request', `invalid ${command} input`, fieldErrors(parsed.error));
    // Units act only on cases they can see; the workflow then checks their exact part in it.
    // A citizen's re-review goes through the public API, not here.
    if (isUnitScoped(req.user!)) await visibleCase(req);
    if (command === 'submitResult') {
      const problems = await citationProblems(deps.prisma, id, req.user!.sub, (parsed.data as CommandInput<'submitResult'>).attachmentIds);
      if (problems) throw new HttpError(400, 'invalidInput', 'the result cites attachments it may not', problems);
    }
    try {
      // Only the parsed value reaches the workflow's history: unknown keys dropped, text cleaned.
      // A retry with the same Idempotency-Key is the same Update: Temporal applies it once and
      // answers it again (keyedCommand.ts; a refusal as unavailable is tried afresh).
      const handle = client.workflow.getHandle(id);
      const args: [CommandRequest] = [{ input: parsed.data, actor: actorOf(req.user!) }];
      const answer = await client.withDeadline(Date.now() + (deps.commandAnswerWithinMs ?? COMMAND_ANSWER_WITHIN_MS), () =>
        key === null ? handle.executeUpdate(commandUpdates[command], { args }) : executeKeyedUpdate(handle, commandUpdates[command], args, commandUpdateId(req.user!.sub, command, key)),
      );
      // 202: the case took the command, but its projection is stuck (docs/stuck-cases.md): lists
      // and the case page show it once an admin's retry lets the write through.
      const { projectionPending, ...state } = answer;
      res.status(projectionPending ? 202 : 200).json(projectionPending ? { ...state, projectionPending } : state);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw new HttpError(404, 'not_found', `no open case ${id}`);
      throw commandRefusal(error) ?? error;
    }
  });

  return router;
}

