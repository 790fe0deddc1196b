// The rule that keeps the calendar's covered years one unbroken range (deadlines count across
// years): a year is added only next to a covered one and removed only at either end. Plain
// functions over the list of covered years, for the calendar routes and the health check.
import { shanghaiDate } from '../../rules/shanghaiTime';

/** Years between the first and the last covered one that are not covered (a gap). */
export function missingYears(years: readonly number[]): number[] {
  if (years.length === 0) return [];
  const covered = new Set(years);
  const missing: number[] = [];
  for (let year = Math.min(...years) + 1; year < Math.max(...years); year++) if (!covered.has(year)) missing.push(year);
  return missing;
}

/** Whether adding `year` keeps the range unbroken: the calendar is empty or a neighbour is covered. */
export function adjoins(years: readonly number[], year: number): boolean {
  return years.length === 0 || years.includes(year - 1) || years.includes(year + 1);
}

/** Whether removing `year` keeps the range unbroken (it is the first or the last covered year). */
export function isEndYear(years: readonly number[], year: number): boolean {
  return years.length > 0 && (year === Math.min(...years) || year === Math.max(...years));
}

/** "2025–2026", or "2006, 2025–2026" for a calendar with a gap. */
export function describeYears(years: readonly number[]): string {
  const runs: string[] = [];
  const sorted = [...years].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!;
    while (sorted[i + 1] === sorted[i]! + 1) i++;
    runs.push(start === sorted[i] ? String(start) : `${start}–${sorted[i]}`);
  }
  return runs.join(', ') || 'no year';
}

/** The calendar year of an instant in Asia/Shanghai. */
export function shanghaiYear(now: Date): number {
  return Number(shanghaiDate(now.getTime()).slice(0, 4));
}

/** What an admin may do with a year now: the console offers exactly these. */
export type YearAction = 'import' | 'open' | 'remove';

export function yearActions(years: readonly number[], year: number, context: { importable: boolean; thisYear: number }): YearAction[] {
  if (years.includes(year)) return isEndYear(years, year) && year !== context.thisYear ? ['remove'] : [];
  if (!adjoins(years, year)) return [];
  return [context.importable ? 'import' : 'open'];
}
