// What GET /api/calendar answers: a year's days (dates as yyyy-MM-dd), the years the calendar
// covers, those missing between them, those chinese-days could import, and what an admin may do
// with the year shown (coverage.ts decides).
import type { CalendarDay } from '../../prisma/generated/browser';
import { missingYears, yearActions, type YearAction } from './coverage';

export interface CalendarYearAnswer {
  year: number;
  coveredYears: number[];
  /** Years missing between the first and the last covered one (a gap an older version left). */
  missingYears: number[];
  importable: number[];
  actions: YearAction[];
  days: (Omit<CalendarDay, 'date'> & { date: string })[];
}

export function presentCalendarYear(year: number, coveredYears: number[], importable: number[], thisYear: number, days: CalendarDay[]): CalendarYearAnswer {
  return {
    year,
    coveredYears,
    missingYears: missingYears(coveredYears),
    importable,
    actions: yearActions(coveredYears, year, { importable: importable.includes(year), thisYear }),
    days: days.map((d) => ({ ...d, date: d.date.toISOString().slice(0, 10) })),
  };
}
