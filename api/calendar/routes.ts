// /api/calendar: the working-day calendar. Everyone signed in reads it; admins change a day or
// import a year from chinese-days. Every change is audited and moves the deadlines of the open
// cases it affects (each case recomputes its clocks).
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import { identifier, requiredText, singleLineText } from '../../workflows/rules/text';
import type { AppDeps } from '../app';
import { chineseDaysYears, importCalendarYear, weekdayCalendarYear } from '../../prisma/seed/calendar';
import { isIsoDate, weekday } from '../../workflows/rules/shanghaiTime';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import { signalRulesChanged } from '../cases/openCases';
import { HttpError } from '../http/errors';

export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const dayParams = z.object({ date: identifier(10).refine(isIsoDate, 'a date, yyyy-MM-dd') });
export const dayBody = z.object({
  isWorkingDay: z.boolean(),
  name: singleLineText(50).nullable().default(null),
  reason: requiredText(500),
});

export const openYearBody = z.object({ reason: requiredText(500) });

export function calendarRoutes(deps: Pick<AppDeps, 'prisma' | 'temporal' | 'namespace' | 'log' | 'jwtSecret'>): Router {
  const router = Router();
  const client = new Client({ connection: deps.temporal, namespace: deps.namespace });
  router.use(requireAuth(deps.jwtSecret));

  router.get('/', async (req, res) => {
    const { year } = yearQuery.parse(req.query);
    const days = await deps.prisma.calendarDay.findMany({ where: { date: { gte: new Date(`${year}-01-01`), lte: new Date(`${year}-12-31`) } }, orderBy: { date: 'asc' } });
    const years = (await deps.prisma.calendarYear.findMany({ orderBy: { year: 'asc' } })).map((y) => y.year);
    res.json({ year, coveredYears: years, importable: chineseDaysYears().filter((y) => !years.includes(y)), days: days.map((d) => ({ ...d, date: d.date.toISOString().slice(0, 10) })) });
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
    const casesTold = existing.isWorkingDay === body.isWorkingDay ? 0 : await signalRulesChanged(client, deps.log);
    res.json({ date, isWorkingDay: body.isWorkingDay, kind, name: body.name, casesTold });
  });

  router.post('/import/:year', requireRoles('admin'), async (req, res) => {
    const { year } = yearQuery.parse(req.params);
    if (!chineseDaysYears().includes(year)) throw new HttpError(404, 'not_found', `chinese-days has no holiday notice for ${year} yet; open the year (POST /api/calendar/years/${year}) and enter its days by hand`);
    const days = await importCalendarYear(deps.prisma, year);
    await deps.prisma.auditEvent.create({
      data: { idempotencyKey: `calendar:import:${year}:${randomUUID()}`, entityType: 'calendarYear', entityId: String(year), action: 'calendarYearImported', actorId: req.user!.sub, actorRole: req.user!.roles.join(','), actorUnitId: req.user!.unitId, payload: { days }, occurredAt: new Date() },
    });
    res.json({ year, days, casesTold: await signalRulesChanged(client, deps.log) });
  });

  // A year chinese-days has no notice for yet (the State Council publishes it late in the year
  // before): opened Monday to Friday, then the admin marks the notice's days by hand.
  router.post('/years/:year', requireRoles('admin'), async (req, res) => {
    const { year } = yearQuery.parse(req.params);
    const { reason } = openYearBody.parse(req.body);
    const years = (await deps.prisma.calendarYear.findMany({ select: { year: true } })).map((y) => y.year);
    if (years.includes(year)) throw new HttpError(409, 'year_covered', `${year} is already in the calendar`);
    // Deadlines count across years, so the calendar must stay one unbroken range.
    if (years.length > 0 && year !== Math.max(...years) + 1 && year !== Math.min(...years) - 1) {
      throw new HttpError(409, 'calendar_gap', `the calendar covers ${Math.min(...years)}–${Math.max(...years)}; a new year must adjoin them`);
    }
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
    res.status(201).json({ year, days: days.length, casesTold: await signalRulesChanged(client, deps.log) });
  });

  return router;
}
