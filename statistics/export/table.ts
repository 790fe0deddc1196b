// A statistics table as the exports see it: columns with Chinese headers and a type, and the
// rows they read their values from. The JSON endpoints answer their own shapes; a small
// function per endpoint turns that answer into a Table (see exportable.ts).
import { SHANGHAI_OFFSET_MS } from '../../rules/shanghaiTime';

/**
 * text; integer and decimal numbers; rate: a fraction 0..1 shown as a percentage; date: a
 * `yyyy-MM-dd` string or an instant (its Shanghai date); datetime: an instant (Shanghai time).
 */
export type ColumnType = 'text' | 'integer' | 'decimal' | 'rate' | 'date' | 'datetime';

export type CellValue = string | number | Date | null | undefined;

export interface Column<Row> {
  header: string;
  type: ColumnType;
  value: (row: Row) => CellValue;
  /** Width in characters (XLSX); a default by type otherwise. */
  width?: number;
}

export interface Table<Row = unknown> {
  /** The sheet's name; also the file's name when `fileName` is absent. */
  title: string;
  /** Without extension, e.g. "热点-2026-10". */
  fileName?: string;
  columns: Column<Row>[];
  rows: Row[];
}

/** A table built from typed rows: `table('热点', rows, [col('类别', 'text', r => r.name)])`. */
export function table<Row>(title: string, rows: Row[], columns: Column<Row>[], fileName?: string): Table<Row> {
  return { title, rows, columns, fileName };
}

export function column<Row>(header: string, type: ColumnType, value: (row: Row) => CellValue, width?: number): Column<Row> {
  return { header, type, value, width };
}

export const DEFAULT_WIDTHS: Record<ColumnType, number> = { text: 24, integer: 10, decimal: 12, rate: 10, date: 12, datetime: 17 };

/** The Shanghai wall-clock fields of an instant, as a UTC Date (what spreadsheets show). */
export function shanghaiWallClock(instant: Date): Date {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
}

/** A date cell as a midnight-UTC Date of its calendar day. */
export function calendarDay(value: string | Date): Date {
  if (typeof value === 'string') return new Date(`${value.slice(0, 10)}T00:00:00.000Z`);
  const wall = shanghaiWallClock(value);
  return new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate()));
}

export function asNumber(value: CellValue): number | null {
  if (value === null || value === undefined || value === '') return null;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}
