// /api/policies: the deadline policies (time limits and warning points per clock, keyed by case
// type, category and urgency). Everyone signed in reads them; admins create, edit, deactivate
// and delete them, audited. Open cases are told after each change (see openCases.ts): the new
// limits apply to clocks that start afterwards, never to a running one.
import { randomUUID } from 'node:crypto';
import { temporalClient } from '../temporalClient';
import { Router } from 'express';
import type { z } from 'zod';
import type { AppDeps } from '../deps';
import type { db } from '../../prisma/client';
import { changedFields, recordAdminChange, type Tx } from '../audit/record';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import { HttpError } from '../http/errors';
import { deleteQuery, idParams } from '../http/fields';
import { orderOf, pageOf, sendList } from '../http/simpleRest';
import { presentPolicy } from './answers';
import { requestRulesBroadcast, RULES_UNCHANGED } from '../rulesBroadcast/request';
import type { RulesChange } from '../../workflows/rulesBroadcast/definitions';
import { duplicateOf, newlyUncovered, policyProblems, type PolicyShape } from './policyRules';
import { policyCreateBody, policyListFilter, policyListQuery, policyUpdateBody } from './schemas';

const notFound = (id: string) => new HttpError(404, 'not_found', `no policy ${id}`);
const invalid = (fields: Record<string, string>) => new HttpError(400, 'invalid_request', 'the request has invalid fields', fields);

function policyWhere(filter: z.output<typeof policyListFilter>): db.Prisma.DeadlinePolicyWhereInput {
  return { id: filter.id ? { in: filter.id } : undefined, clock: filter.clock, caseTypeCode: filter.caseTypeCode, categoryId: filter.categoryId, urgency: filter.urgency, dispatchMode: filter.dispatchMode, active: filter.active };
}

/** Refuses a row that cannot work, or that would clash with or uncover the other rows. */
async function assertFits(tx: Tx, candidate: PolicyShape, replaced: PolicyShape | null): Promise<void> {
  const problems = policyProblems(candidate);
  const [caseType, category] = await Promise.all([
    candidate.caseTypeCode ? tx.caseType.findUnique({ where: { code: candidate.caseTypeCode }, select: { code: true } }) : null,
    candidate.categoryId ? tx.category.findUnique({ where: { id: candidate.categoryId }, select: { id: true } }) : null,
  ]);
  if (candidate.caseTypeCode && !caseType) problems.caseTypeCode = 'no such case type';
  if (candidate.categoryId && !category) problems.categoryId = 'no such category';
  if (Object.keys(problems).length > 0) throw invalid(problems);
  const others = (await tx.deadlinePolicy.findMany({ where: { id: { not: candidate.id } } })).map(presentPolicy);
  const duplicate = duplicateOf(candidate, others);
  if (duplicate) throw new HttpError(409, 'duplicate', `policy ${duplicate.id} already sets ${candidate.clock} for the same case type, category, urgency and dispatch mode; edit that one`, { clock: `duplicates ${duplicate.id}` });
  if (replaced) await assertStillCovered(tx, others, replaced, candidate);
}

/** Refuses a change after which some case type / urgency would find no policy for a clock. */
async function assertStillCovered(tx: Tx, others: PolicyShape[], before: PolicyShape, after: PolicyShape | null): Promise<void> {
  const caseTypes = (await tx.caseType.findMany({ where: { active: true }, select: { code: true }, orderBy: { sortOrder: 'asc' } })).map((row) => row.code);
  const gaps = newlyUncovered([...others, before], after ? [...others, after] : others, [before.clock, ...(after ? [after.clock] : [])], caseTypes);
  if (gaps.length > 0) throw new HttpError(409, 'uncovered', `after this change no active policy would cover ${gaps.join(', ')}; add a general row first`, { clock: 'would leave cases without a limit' });
}

export function policyRoutes(deps: Pick<AppDeps, 'prisma' | 'temporal' | 'namespace' | 'dataConverter' | 'taskQueue' | 'log' | 'jwtSecret'>): Router {
  const router = Router();
  const client = temporalClient(deps);
  const tellOpenCases = (actorId: string, change: RulesChange, subject: string, reason: string | null = null) => requestRulesBroadcast(client, deps.taskQueue, deps.log, { actorId, change, subject, reason });
  router.use(requireAuth(deps.jwtSecret));
  const admin = requireRoles('admin');

  router.get('/', async (req, res) => {
    const query = policyListQuery.parse(req.query);
    const where = policyWhere(query.filter ?? {});
    const orderBy: db.Prisma.DeadlinePolicyOrderByWithRelationInput[] = query.sort ? [orderOf(query.sort), { id: 'asc' }] : [{ clock: 'asc' }, { id: 'asc' }];
    const [total, rows] = await Promise.all([deps.prisma.deadlinePolicy.count({ where }), deps.prisma.deadlinePolicy.findMany({ where, orderBy, ...pageOf(query.range) })]);
    sendList(res, 'policies', rows.map(presentPolicy), total, query.range);
  });

  router.get('/:id', async (req, res) => {
    const { id } = idParams.parse(req.params);
    const row = await deps.prisma.deadlinePolicy.findUnique({ where: { id } });
    if (!row) throw notFound(id);
    res.json(presentPolicy(row));
  });

  router.post('/', admin, async (req, res) => {
    const { reason, id: givenId, ...fields } = policyCreateBody.parse(req.body);
    const id = givenId ?? `policy-${randomUUID().slice(0, 8)}`;
    const created = await deps.prisma.$transaction(async (tx) => {
      await lockPolicies(tx);
      if (await tx.deadlinePolicy.findUnique({ where: { id }, select: { id: true } })) throw new HttpError(409, 'duplicate', `policy ${id} exists`, { id: 'already taken' });
      await assertFits(tx, { ...fields, id }, null);
      const row = presentPolicy(await tx.deadlinePolicy.create({ data: { ...fields, id, updatedById: req.user!.sub } }));
      await recordAdminChange(tx, req.user!, { entityType: 'deadlinePolicy', entityId: id, action: 'policyCreated', reason, before: null, after: row });
      return row;
    });
    res.status(201).json({ ...created, rulesBroadcast: await tellOpenCases(req.user!.sub, 'policyCreated', created.id, reason) });
  });

  router.put('/:id', admin, async (req, res) => {
    const { id } = idParams.parse(req.params);
    const { reason, ...fields } = policyUpdateBody.parse(req.body);
    const result = await deps.prisma.$transaction(async (tx) => {
      await lockPolicies(tx);
      const stored = await tx.deadlinePolicy.findUnique({ where: { id } });
      if (!stored) throw notFound(id);
      const before = presentPolicy(stored);
      await assertFits(tx, { ...before, ...fields }, before);
      const after = presentPolicy(await tx.deadlinePolicy.update({ where: { id }, data: { ...fields, updatedById: req.user!.sub } }));
      const changed = changedFields(before, after).filter((field) => field !== 'updatedById');
      if (changed.length > 0) await recordAdminChange(tx, req.user!, { entityType: 'deadlinePolicy', entityId: id, action: 'policyUpdated', reason, before, after, details: { changed } });
      return { after, changed: changed.length > 0 };
    });
    res.json({ ...result.after, rulesBroadcast: result.changed ? await tellOpenCases(req.user!.sub, 'policyUpdated', id, reason) : RULES_UNCHANGED });
  });

  router.delete('/:id', admin, async (req, res) => {
    const { id } = idParams.parse(req.params);
    const { reason } = deleteQuery.parse(req.query);
    const deleted = await deps.prisma.$transaction(async (tx) => {
      await lockPolicies(tx);
      const stored = await tx.deadlinePolicy.findUnique({ where: { id } });
      if (!stored) throw notFound(id);
      const before = presentPolicy(stored);
      const others = (await tx.deadlinePolicy.findMany({ where: { id: { not: id } } })).map(presentPolicy);
      await assertStillCovered(tx, others, before, null);
      await tx.deadlinePolicy.delete({ where: { id } });
      await recordAdminChange(tx, req.user!, { entityType: 'deadlinePolicy', entityId: id, action: 'policyDeleted', reason, before, after: null });
      return before;
    });
    res.json({ ...deleted, rulesBroadcast: await tellOpenCases(req.user!.sub, 'policyDeleted', id, reason) });
  });

  return router;
}

/** Policy checks read the other rows: changes take turns so two cannot pass them together. */
async function lockPolicies(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('deadlinePolicies'))`;
}
