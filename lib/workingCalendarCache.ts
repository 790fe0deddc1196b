// The working-day calendar from the CalendarDay table, compacted once and kept while the table
// is unchanged: its row count and latest change are the stamp (any edit or import moves one).
import type { PrismaClient } from '../prisma/client';
import { compactCalendar, type WorkingCalendar } from '../rules/workingCalendar';

/** The whole table, compacted (rules/workingCalendar.ts). */
export async function readWorkingCalendar(prisma: Pick<PrismaClient, 'calendarDay'>): Promise<WorkingCalendar> {
  const days = await prisma.calendarDay.findMany({ select: { date: true, isWorkingDay: true }, orderBy: { date: 'asc' } });
  return compactCalendar(days.map((day) => ({ date: day.date.toISOString().slice(0, 10), isWorkingDay: day.isWorkingDay })));
}

export function workingCalendarCache(prisma: PrismaClient): () => Promise<WorkingCalendar> {
  let cached: { stamp: string; calendar: WorkingCalendar } | undefined;
  return async () => {
    const { _count, _max } = await prisma.calendarDay.aggregate({ _count: true, _max: { updatedAt: true } });
    const stamp = `${_count}:${_max.updatedAt?.toISOString() ?? ''}`;
    if (cached?.stamp !== stamp) {
      cached = { stamp, calendar: await readWorkingCalendar(prisma) };
    }
    return cached.calendar;
  };
}
