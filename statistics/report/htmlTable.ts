// A statistics Table (statistics/export/table.ts) as an HTML table, every value escaped: titles
// and addresses are citizens' free text.
import { csvCell } from '../export/csv';
import type { Table } from '../export/table';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

const NUMERIC = new Set(['integer', 'decimal', 'rate']);

/** The same cell texts as the CSV export (rates as "12.5%", Shanghai dates), minus its formula guard. */
function cellText(type: Parameters<typeof csvCell>[0], value: Parameters<typeof csvCell>[1]): string {
  return type === 'text' ? String(value ?? '') : csvCell(type, value);
}

export function htmlTable<Row>(table: Table<Row>, options: { rowClass?: (row: Row) => string | undefined } = {}): string {
  const head = table.columns.map((column) => `<th>${escapeHtml(column.header)}</th>`).join('');
  const body = table.rows
    .map((row) => {
      const cells = table.columns.map((column) => `<td${NUMERIC.has(column.type) ? ' class="num"' : ''}>${escapeHtml(cellText(column.type, column.value(row)))}</td>`).join('');
      const rowClass = options.rowClass?.(row);
      return `<tr${rowClass ? ` class="${escapeHtml(rowClass)}"` : ''}>${cells}</tr>`;
    })
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}
