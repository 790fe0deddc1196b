// /api/calendar: the working-day calendar. Everyone signed in reads it; admins change a day,
// import a year from chinese-days, open a year by hand or remove one; the covered years stay one
// unbroken range (coverage.ts). Every change is audited and moves the deadlines of the open
// cases it affects (each case recomputes its clocks).
import { randomUUID } from 'node:crypto';
import { temporalClient } from '../temporalClient';
import { Router } from 'express';
import { z } from 'zod';
import { identifier, requiredText, singleLineText } from '../../rules/text';
import type { AppDeps } from '../deps';
import { chineseDaysYears, importCalendarYear, weekdayCalendarYear } from '../../lib/calendarYears';
import { isIsoDate, weekday } from '../../rules/shanghaiTime';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import { HttpError } from '../http/errors';
import { requestRulesBroadcast, RULES_UNCHANGED } from '../rulesBroadcast/request';
import type { RulesChange } from '../../workflows/rulesBroadcast/definitions';
import { presentCalendarYear } from './answers';
import { adjoins, describeYears, isEndYear, shanghaiYear } from './coverage';

export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const dayParams = z.object({ date: identifier(10).refine(isIsoDate, 'a date, yyyy-MM-dd') });
export const dayBody = z.object({
  isWorkingDay: z.boolean(),
  name: singleLineText(50).nullable().default(null),
  reason: requiredText(500),
});

export const openYearBody = z.object({ reason: requiredText(500) });
export const removeYearBody = z.object({ reason: requiredText(500) });

const gapRefusal = (years: number[], year: number) =>
  new HttpError(409, 'calendar_gap', `the calendar covers ${describeYears(years)}; ${year} must adjoin a covered year, or deadlines would count across a gap`);

export function calendarRoutes(deps: Pick<AppDeps, 'prisma' | 'temporal' | 'namespace' | 'dataConverter' | 'taskQueue' | 'log' | 'jwtSecret' | 'now'>): Router {
  const router = Router();
  const client = temporalClient(deps);
  const tellOpenCases = (actorId: string, change: RulesChange, subject: string, reason: string | null = null) => requestRulesBroadcast(client, deps.taskQueue, deps.log, { actorId, change, subject, reason });
  const coveredYears = async () => (await deps.prisma.calendarYear.findMany({ select: { year: true }, orderBy: { year: 'asc' } })).map((y) => y.year);
  router.use(requireAuth(deps.jwtSecret));

  router.get('/', async (req, res) => {
    const { year } = yearQuery.parse(req.query);
    const days = await deps.prisma.calendarDay.findMany({ where: { date: { gte: new Date(`${year}-01-01`), lte: new Date(`${year}-12-31`) } }, orderBy: { date: 'asc' } });
    const years = await coveredYears();
    const importable = chineseDaysYears().filter((y) => !years.includes(y));
    res.json(presentCalendarYear(year, years, importable, shanghaiYear(deps.now?.() ?? new Date()), days));
  });

  router.put('/:date', requireRoles('admin'), async (req, res) => {
    const { date } = dayParams.parse(req.params);
    const body = dayBody.parse(req.body);
    const existing = await deps.prisma.calendarDay.findUnique({ where: { date: new Date(date) } });
    if (!existing) throw new HttpError(404, 'not_found', `${date} is not in the calendar; import its year first`);
    const day = weekday(date);
    const kind = body.isWorkingDay ? (day === 0 || day === 6 ? 'adjustedWorkday' : 'workday') : day === 0 || day === 6 ? 'weekend' : 'holiday';
    await deps.prisma.$transaction([
      deps.prisma.calendarDay.update({ where: { date: new Date(date) }, data: { isWorkingDay: body.isWorkingDay, kind, name: body.name, source: 'admin', updatedById: req.user!.sub } }),
      deps.prisma.auditEvent.create({
        data: {
          idempotencyKey: `calendar:${date}:${randomUUID()}`, entityType: 'calendarDay', entityId: date, action: 'calendarDayChanged',
          actorId: req.user!.sub, actorRole: req.user!.roles.join(','), actorUnitId: req.user!.unitId, reason: body.reason,
          payload: { before: { isWorkingDay: existing.isWorkingDay, name: existing.name }, after: { isWorkingDay: body.isWorkingDay, name: body.name } }, occurredAt: new Date(),
        },
      }),
    ]);
    const rulesBroadcast = existing.isWorkingDay === body.isWorkingDay ? RULES_UNCHANGED : await tellOpenCases(req.user!.sub, 'calendarDayChanged', date, body.reason);
    res.json({ date, isWorkingDay: body.isWorkingDay, kind, name: body.name, rulesBroadcast });
  });

  router.post('/import/:year', requireRoles('admin'), async (req, res) => {
    const { year } = yearQuery.parse(req.params);
    if (!chineseDaysYears().includes(year)) throw new HttpError(404, 'not_found', `chinese-days has no holiday notice for ${year} yet; open the year (POST /api/calendar/years/${year}) and enter its days by hand`);
    // Importing a covered year again refreshes it (days an admin edited are kept).
    const years = await coveredYears();
    if (!years.includes(year) && !adjoins(years, year)) throw gapRefusal(years, year);
    const days = await importCalendarYear(deps.prisma, year);
    await deps.prisma.auditEvent.create({
      data: { idempotencyKey: `calendar:import:${year}:${randomUUID()}`, entityType: 'calendarYear', entityId: String(year), action: 'calendarYearImported', actorId: req.user!.sub, actorRole: req.user!.roles.join(','), actorUnitId: req.user!.unitId, payload: { days }, occurredAt: new Date() },
    });
    res.json({ year, days, rulesBroadcast: await tellOpenCases(req.user!.sub, 'calendarYearImported', String(year)) });
  });

  // A year chinese-days has no notice for yet (the State Council publishes it late in the year
  // before): opened Monday to Friday, then the admin marks the notice's days by hand.
  router.post('/years/:year', requireRoles('admin'), async (req, res) => {
    const { year } = yearQuery.parse(req.params);
    const { reason } = openYearBody.parse(req.body);
    const years = await coveredYears();
    if (years.includes(year)) throw new HttpError(409, 'year_covered', `${year} is already in the calendar`);
    if (!adjoins(years, year)) throw gapRefusal(years, year);
    const days = weekdayCalendarYear(year);
    await deps.prisma.$transaction([
      deps.prisma.calendarDay.createMany({ data: days.map((day) => ({ ...day, date: new Date(day.date), source: 'admin' as const, updatedById: req.user!.sub })) }),
      deps.prisma.calendarYear.create({ data: { year, source: 'admin', note: reason } }),
      deps.prisma.auditEvent.create({
        data: {
          idempotencyKey: `calendar:open:${year}:${randomUUID()}`, entityType: 'calendarYear', entityId: String(year), action: 'calendarYearOpened',
          actorId: req.user!.sub, actorRole: req.user!.roles.join(','), actorUnitId: req.user!.unitId, reason, payload: { days: days.length, rule: 'mondayToFriday' }, occurredAt: new Date(),
        },
      }),
    ]);
    res.status(201).json({ year, days: days.length, rulesBroadcast: await tellOpenCases(req.user!.sub, 'calendarYearOpened', String(year), reason) });
  });

  // The way back from a year added by mistake (or apart from the others, as older versions
  // allowed): only the first or the last covered year, and never the current one, whose days
  // the running deadlines count on. Open cases recompute; days beyond the range are provisional.
  router.delete('/years/:year', requireRoles('admin'), async (req, res) => {
    const { year } = yearQuery.parse(req.params);
    const { reason } = removeYearBody.parse(req.body ?? {});
    const years = await coveredYears();
    if (!years.includes(year)) throw new HttpError(404, 'not_found', `${year} is not in the calendar`);
    if (!isEndYear(years, year)) throw new HttpError(409, 'calendar_gap', `the calendar covers ${describeYears(years)}; only its first or last year can be removed, or deadlines would count across a gap`);
    if (year === shanghaiYear(deps.now?.() ?? new Date())) throw new HttpError(409, 'current_year', `${year} is the current year: running deadlines count on its days; correct its days instead`);
    const range = { gte: new Date(`${year}-01-01`), lte: new Date(`${year}-12-31`) };
    const removed = await deps.prisma.$transaction(async (tx) => {
      const row = await tx.calendarYear.findUnique({ where: { year } });
      if (!row || (await tx.calendarYear.deleteMany({ where: { year } })).count === 0) throw new HttpError(404, 'not_found', `${year} was removed meanwhile`);
      const { count } = await tx.calendarDay.deleteMany({ where: { date: range } });
      await tx.auditEvent.create({
        data: {
          idempotencyKey: `calendar:remove:${year}:${randomUUID()}`, entityType: 'calendarYear', entityId: String(year), action: 'calendarYearRemoved',
          actorId: req.user!.sub, actorRole: req.user!.roles.join(','), actorUnitId: req.user!.unitId, reason,
          payload: { days: count, source: row.source, coveredBefore: years }, occurredAt: new Date(),
        },
      });
      return count;
    });
    res.json({ year, days: removed, rulesBroadcast: await tellOpenCases(req.user!.sub, 'calendarYearRemoved', String(year), reason) });
  });

  return router;
}
