// /api/rule-settings: scalar rules (caps, attempts, windows) keyed by name. Everyone signed in
// reads them; admins change a value, validated by its key's schema and audited. A change of a
// setting the petition workflow reads is signalled to open cases, like a policy change.
import { temporalClient } from '../temporalClient';
import { Router } from 'express';
import type { AppDeps } from '../deps';
import type { db } from '../../prisma/client';
import { isRuleSettingKey, RULE_SETTINGS } from '../../rules/settings';
import { recordAdminChange } from '../audit/record';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import { fieldErrors, HttpError } from '../http/errors';
import { pageOf, sendList } from '../http/simpleRest';
import { presentRuleSetting, SETTINGS_READ_BY_OPEN_CASES } from './answers';
import { requestRulesBroadcast, RULES_UNCHANGED } from '../rulesBroadcast/request';
import { CASE_TYPE_SETTINGS, settingListQuery, settingParams, settingUpdateBody } from './schemas';

export function ruleSettingRoutes(deps: Pick<AppDeps, 'prisma' | 'temporal' | 'namespace' | 'dataConverter' | 'taskQueue' | 'log' | 'jwtSecret'>): Router {
  const router = Router();
  const client = temporalClient(deps);
  router.use(requireAuth(deps.jwtSecret));

  router.get('/', async (req, res) => {
    const query = settingListQuery.parse(req.query);
    const filter = query.filter ?? {};
    const where: db.Prisma.RuleSettingWhereInput = { key: filter.id ? { in: filter.id } : filter.q ? { contains: filter.q } : undefined };
    const [field, direction] = query.sort ?? ['id', 'ASC'];
    const orderBy = { [field === 'id' ? 'key' : field]: direction === 'ASC' ? 'asc' : 'desc' } as db.Prisma.RuleSettingOrderByWithRelationInput;
    const [total, rows] = await Promise.all([deps.prisma.ruleSetting.count({ where }), deps.prisma.ruleSetting.findMany({ where, orderBy, ...pageOf(query.range) })]);
    sendList(res, 'rule-settings', rows.map(presentRuleSetting), total, query.range);
  });

  router.get('/:id', async (req, res) => {
    const { id } = settingParams.parse(req.params);
    const row = await deps.prisma.ruleSetting.findUnique({ where: { key: id } });
    if (!row) throw new HttpError(404, 'not_found', `no rule setting ${id}`);
    res.json(presentRuleSetting(row));
  });

  router.put('/:id', requireRoles('admin'), async (req, res) => {
    const { id } = settingParams.parse(req.params);
    const body = settingUpdateBody.parse(req.body);
    const before = await deps.prisma.ruleSetting.findUnique({ where: { key: id } });
    if (!before) throw new HttpError(404, 'not_found', `no rule setting ${id}`);
    if (!isRuleSettingKey(id)) throw new HttpError(409, 'not_editable', `${id} is kept by the system, not edited`);
    const parsed = RULE_SETTINGS[id].schema.safeParse(body.value);
    if (!parsed.success) {
      const fields = Object.fromEntries(Object.entries(fieldErrors(parsed.error)).map(([path, message]) => [path === '(body)' ? 'value' : `value.${path}`, message]));
      throw new HttpError(400, 'invalid_request', `invalid value for ${id}`, fields);
    }
    const value = parsed.data as db.Prisma.InputJsonValue;
    if (CASE_TYPE_SETTINGS.has(id) && !(await deps.prisma.caseType.findFirst({ where: { code: String(value), active: true }, select: { code: true } }))) {
      throw new HttpError(400, 'invalid_request', `invalid value for ${id}`, { value: 'no such active case type' });
    }
    if (JSON.stringify(before.value) === JSON.stringify(value)) {
      res.json({ ...presentRuleSetting(before), rulesBroadcast: RULES_UNCHANGED });
      return;
    }
    const after = await deps.prisma.$transaction(async (tx) => {
      const row = await tx.ruleSetting.update({ where: { key: id }, data: { value, updatedById: req.user!.sub } });
      await recordAdminChange(tx, req.user!, { entityType: 'ruleSetting', entityId: id, action: 'ruleSettingChanged', reason: body.reason, before: { value: before.value }, after: { value: row.value } });
      return row;
    });
    res.json({ ...presentRuleSetting(after), rulesBroadcast: SETTINGS_READ_BY_OPEN_CASES.has(id) ? await requestRulesBroadcast(client, deps.taskQueue, deps.log, { actorId: req.user!.sub, change: 'ruleSettingChanged', subject: id, reason: body.reason ?? null }) : RULES_UNCHANGED });
  });

  return router;
}
