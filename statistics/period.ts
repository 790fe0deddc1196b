// Periods of the statistics: whole Asia/Shanghai days, `from` and `to` both included, turned
// into the half-open instant range [start, end) the SQL compares timestamps with.
import { addDays, endOfShanghaiDay, startOfShanghaiDay, type IsoDate } from '../rules/shanghaiTime';

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

export interface InstantRange {
  start: Date;
  end: Date;
}

export function instantRange(period: Period): InstantRange {
  return { start: new Date(startOfShanghaiDay(period.from)), end: new Date(endOfShanghaiDay(period.to) + 1) };
}

export function daysIn(period: Period): number {
  return Math.round((startOfShanghaiDay(period.to) - startOfShanghaiDay(period.from)) / 86_400_000) + 1;
}

/** 环比: the period of the same length that ends the day before `period` starts. */
export function previousPeriod(period: Period): Period {
  const length = daysIn(period);
  return { from: addDays(period.from, -length), to: addDays(period.from, -1) };
}

/** 同比: the same dates one year earlier (29 February becomes 28 February). */
export function sameDatesLastYear(period: Period): Period {
  const back = (date: IsoDate) => {
    const year = Number(date.slice(0, 4)) - 1;
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return date.endsWith('-02-29') && !leap ? `${year}-02-28` : `${year}${date.slice(4)}`;
  };
  return { from: back(period.from), to: back(period.to) };
}

/** A calendar month, `YYYY-MM`, as a period. */
export function monthPeriod(month: string): Period {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The month before `month`, and the same month a year earlier. */
export function previousMonth(month: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return mon === 1 ? `${year - 1}-12` : `${year}-${String(mon - 1).padStart(2, '0')}`;
}

export function sameMonthLastYear(month: string): string {
  return `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
}
