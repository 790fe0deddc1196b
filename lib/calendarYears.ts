// The working-day calendar, imported from `chinese-days` (the State Council's yearly holiday
// notice, including 调休 weekend working days). Admins edit rows afterwards; an import never
// overwrites a day an admin changed.
import chineseDays from 'chinese-days/dist/chinese-days.json';
import type { PrismaClient } from '../prisma/generated/client';
import type { CalendarDayKind } from '../prisma/generated/enums';

export interface CalendarDaySeed {
  date: string; // yyyy-MM-dd
  isWorkingDay: boolean;
  kind: CalendarDayKind;
  name: string | null;
}

const data = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };

/** Years for which the package carries the State Council's notice. */
export function chineseDaysYears(): number[] {
  return [...new Set(Object.keys(data.holidays).map((date) => Number(date.slice(0, 4))))].sort((a, b) => a - b);
}

/** "National Day,国庆节,3" → "国庆节" */
function holidayName(entry: string): string {
  return entry.split(',')[1] ?? entry;
}

/** Every day of a year, Monday to Friday working: the base a holiday notice changes. */
export function weekdayCalendarYear(year: number): CalendarDaySeed[] {
  const days: CalendarDaySeed[] = [];
  for (let time = Date.UTC(year, 0, 1); time < Date.UTC(year + 1, 0, 1); time += 86_400_000) {
    const date = new Date(time).toISOString().slice(0, 10);
    const weekday = new Date(time).getUTCDay();
    days.push(weekday === 0 || weekday === 6 ? { date, isWorkingDay: false, kind: 'weekend', name: null } : { date, isWorkingDay: true, kind: 'workday', name: null });
  }
  return days;
}

export function calendarYearFromChineseDays(year: number): CalendarDaySeed[] {
  if (!chineseDaysYears().includes(year)) {
    throw new Error(`chinese-days has no holiday notice for ${year}`);
  }
  return weekdayCalendarYear(year).map((day) => {
    const holiday = data.holidays[day.date];
    const adjusted = data.workdays[day.date];
    if (holiday !== undefined) return { ...day, isWorkingDay: false, kind: 'holiday', name: holidayName(holiday) };
    if (adjusted !== undefined) return { ...day, isWorkingDay: true, kind: 'adjustedWorkday', name: holidayName(adjusted) };
    return day;
  });
}

/** Imports a year; days an admin already edited are kept. Returns the number of days written. */
export async function importCalendarYear(prisma: PrismaClient, year: number): Promise<number> {
  const days = calendarYearFromChineseDays(year);
  const edited = await prisma.calendarDay.findMany({
    where: { source: 'admin', date: { gte: new Date(`${year}-01-01`), lte: new Date(`${year}-12-31`) } },
    select: { date: true },
  });
  const keep = new Set(edited.map((day) => day.date.toISOString().slice(0, 10)));
  const rows = days.filter((day) => !keep.has(day.date));
  await prisma.$transaction([
    prisma.calendarDay.deleteMany({ where: { source: 'chineseDays', date: { gte: new Date(`${year}-01-01`), lte: new Date(`${year}-12-31`) } } }),
    prisma.calendarDay.createMany({ data: rows.map((day) => ({ ...day, date: new Date(day.date), source: 'chineseDays' as const })) }),
    prisma.calendarYear.upsert({
      where: { year },
      create: { year, source: 'chineseDays' },
      update: { source: 'chineseDays', importedAt: new Date() },
    }),
  ]);
  return rows.length;
}
