// Calendar dates in Asia/Shanghai. China has used UTC+8 all year since 1991 (no daylight
// saving), so a fixed offset is exact and keeps this module free of time-zone databases,
// which workflow code must not depend on.

export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;

/** An ISO calendar date, `yyyy-MM-dd`. */
export type IsoDate = string;

/** The Shanghai calendar date of an instant. */
export function shanghaiDate(instant: number): IsoDate {
  return new Date(instant + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00:00.000 Shanghai time of a date, as an instant. */
export function startOfShanghaiDay(date: IsoDate): number {
  return Date.parse(`${date}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS;
}

/** 23:59:59.999 Shanghai time of a date: the last moment a deadline on that day is met. */
export function endOfShanghaiDay(date: IsoDate): number {
  return startOfShanghaiDay(date) + DAY_MS - 1;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return new Date(`${date}T00:00:00.000Z`).getUTCDay();
}

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00.000Z`).toISOString().slice(0, 10) === value;
}

/** An instant as Shanghai wall-clock minutes, "2026-12-14 23:59", for messages to people. */
export function formatShanghaiMinute(instant: number): string {
  return new Date(instant + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
