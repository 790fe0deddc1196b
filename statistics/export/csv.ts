// A Table as CSV: UTF-8 with a byte-order mark (without it Excel reads Chinese as GBK and
// shows mojibake), rates as percentages ("12.5%"), dates as yyyy-MM-dd in Shanghai time.
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { asNumber, calendarDay, shanghaiWallClock, type CellValue, type Column, type Table } from './table';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
const BOM = '\uFEFF';

/** A cell Excel would run as a formula (CSV injection) is kept as text with a leading quote. */
function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvCell(type: Column<unknown>['type'], value: CellValue): string {
  if (value === null || value === undefined) return '';
  switch (type) {
    case 'text':
      return defuse(String(value));
    case 'integer':
    case 'decimal': {
      const number = asNumber(value);
      return number === null ? '' : type === 'integer' ? String(Math.round(number)) : String(Math.round(number * 100) / 100);
    }
    case 'rate': {
      const number = asNumber(value);
      return number === null ? '' : `${(number * 100).toFixed(1)}%`;
    }
    case 'date':
      return calendarDay(value instanceof Date ? value : String(value)).toISOString().slice(0, 10);
    case 'datetime':
      return value instanceof Date ? shanghaiWallClock(value).toISOString().slice(0, 16).replace('T', ' ') : String(value);
  }
}

export async function writeCsv<Row>(table: Table<Row>, out: Writable): Promise<void> {
  async function* records() {
    yield table.columns.map((column) => column.header);
    for (const row of table.rows) yield table.columns.map((column) => csvCell(column.type, column.value(row)));
  }
  out.write(BOM);
  // CRLF: what Excel writes and RFC 4180 asks for.
  await pipeline(Readable.from(records()), stringify({ record_delimiter: 'windows' }), out);
}
