import { calendarYearFromChineseDays } from '../../lib/calendarYears';
import { compactCalendar, type WorkingCalendar } from '../../rules/workingCalendar';

/** The 2025–2026 calendar exactly as the seed imports it from chinese-days. */
export function calendar2025to2026(): WorkingCalendar {
  return compactCalendar([...calendarYearFromChineseDays(2025), ...calendarYearFromChineseDays(2026)]);
}

/** An instant given as Shanghai wall-clock time, e.g. shanghai('2026-02-13 10:00'). */
export function shanghai(local: string): number {
  return Date.parse(`${local.replace(' ', 'T')}+08:00`);
}
