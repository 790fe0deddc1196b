// Calendar months and date ranges in Asia/Shanghai, as the statistics count them: a case belongs
// to the month (or day) its citizen's request was received, on the hotline's wall clock.
import { addDays, endOfShanghaiDay, isIsoDate, startOfShanghaiDay, type IsoDate } from '../rules/shanghaiTime';

/** `yyyy-MM`. */
export type IsoMonth = string;

export function isIsoMonth(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** The month `offset` months after `month` (negative: before). */
export function addMonths(month: IsoMonth, offset: number): IsoMonth {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (monthNumber - 1) + offset;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function firstDay(month: IsoMonth): IsoDate {
  return `${month}-01`;
}

export function lastDay(month: IsoMonth): IsoDate {
  return addDays(firstDay(addMonths(month, 1)), -1);
}

/** [start, end) instants of the Shanghai months `from`..`to` inclusive. */
export function monthsSpan(from: IsoMonth, to: IsoMonth): { start: Date; end: Date } {
  return { start: new Date(startOfShanghaiDay(firstDay(from))), end: new Date(startOfShanghaiDay(firstDay(addMonths(to, 1)))) };
}

/** [start, end] instants of the Shanghai days `from`..`to` inclusive. */
export function daysSpan(from: IsoDate, to: IsoDate): { start: Date; end: Date } {
  return { start: new Date(startOfShanghaiDay(from)), end: new Date(endOfShanghaiDay(to)) };
}

export { isIsoDate };
