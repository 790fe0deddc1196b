// A Table as an XLSX workbook (exceljs, streamed): a bold, frozen header row, column widths,
// rates as numbers formatted `0.0%` (so they still sum and sort), dates as real dates.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { asNumber, calendarDay, DEFAULT_WIDTHS, shanghaiWallClock, type CellValue, type Column, type ColumnType, type Table } from './table';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const NUMBER_FORMATS: Record<ColumnType, string | undefined> = {
  text: '@',
  integer: '0',
  decimal: '0.00',
  rate: '0.0%',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};

/** Excel forbids these in sheet names and keeps at most 31 characters. */
export function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}

function xlsxCell(type: ColumnType, value: CellValue): string | number | Date | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'text':
      return String(value);
    case 'integer':
    case 'decimal':
    case 'rate':
      return asNumber(value);
    case 'date':
      return calendarDay(value instanceof Date ? value : String(value));
    case 'datetime':
      return value instanceof Date ? shanghaiWallClock(value) : String(value);
  }
}

export async function writeXlsx<Row>(table: Table<Row>, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = '12345热线';
  const sheet = workbook.addWorksheet(sheetName(table.title), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((column: Column<Row>, index) => ({
    key: `c${index}`,
    header: column.header,
    width: column.width ?? Math.max(DEFAULT_WIDTHS[column.type], [...column.header].length * 2 + 2),
    style: { numFmt: NUMBER_FORMATS[column.type] },
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.commit();
  for (const row of table.rows) sheet.addRow(table.columns.map((column) => xlsxCell(column.type, column.value(row)))).commit();
  sheet.commit();
  await workbook.commit();
}
