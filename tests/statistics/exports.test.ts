// The exports parse back: CSV (UTF-8 with BOM, Chinese intact, rates as percentages) and XLSX
// re-read with exceljs (bold frozen header, widths, number formats, real numbers and dates),
// both from the table module and over HTTP with ?format=.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { writeCsv } from '../../statistics/export/csv';
import { column, table, type Table } from '../../statistics/export/table';
import { writeXlsx } from '../../statistics/export/xlsx';
import { AdminApiClient } from '../support/adminApi';
import { testPrisma } from '../support/db';
import { startApi, type RunningApi } from '../support/http';
import { casesInMonth, insertFixtureCases } from './fixtures';

interface Row {
  unit: string;
  received: number;
  satisfaction: number | null;
  day: string;
  at: Date;
}

const sample: Table<Row> = table('考核指标', [
  { unit: '东湖区', received: 120, satisfaction: 0.875, day: '2026-10-31', at: new Date('2026-10-31T16:30:00Z') },
  { unit: '市城市管理局, "执法"大队', received: 7, satisfaction: null, day: '2026-11-01', at: new Date('2026-11-01T01:00:00Z') },
  { unit: '=HYPERLINK("http://evil")', received: 0, satisfaction: 0, day: '2026-11-02', at: new Date('2026-11-02T01:00:00Z') },
], [
  column('单位', 'text', (row) => row.unit),
  column('受理量', 'integer', (row) => row.received),
  column('满意率', 'rate', (row) => row.satisfaction),
  column('日期', 'date', (row) => row.day),
  column('受理时间', 'datetime', (row) => row.at),
]);

async function bytesOf(write: (out: PassThrough) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => out.on('end', resolve));
  await write(out);
  await ended;
  return Buffer.concat(chunks);
}

/** RFC 4180 records: quoted fields with doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') record.push(field), (field = '');
    else if (char === '\r' && text[i + 1] === '\n') record.push(field), records.push(record), (record = []), (field = ''), i++;
    else field += char;
  }
  if (field !== '' || record.length) record.push(field), records.push(record);
  return records;
}

async function readXlsx(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

describe('statistics: exports', () => {
  it('writes CSV with a BOM, Chinese intact, percentages, Shanghai dates, formulas defused', async () => {
    const bytes = await bytesOf((out) => writeCsv(sample, out));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
    const records = parseCsv(bytes.toString('utf8').slice(1));
    assert.deepEqual(records, [
      ['单位', '受理量', '满意率', '日期', '受理时间'],
      ['东湖区', '120', '87.5%', '2026-10-31', '2026-11-01 00:30'],
      ['市城市管理局, "执法"大队', '7', '', '2026-11-01', '2026-11-01 09:00'],
      [`'=HYPERLINK("http://evil")`, '0', '0.0%', '2026-11-02', '2026-11-02 09:00'],
    ]);
  });

  it('writes XLSX with a bold frozen header, widths and number formats', async () => {
    const sheet = await readXlsx(await bytesOf((out) => writeXlsx(sample, out)));
    assert.equal(sheet.name, '考核指标');
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), ['单位', '受理量', '满意率', '日期', '受理时间']);
    assert.equal(sheet.getRow(1).getCell(1).font?.bold, true);
    assert.equal(sheet.views[0]?.state, 'frozen');
    assert.equal((sheet.views[0] as { ySplit?: number }).ySplit, 1);
    assert.equal(sheet.getColumn(1).width, 24);
    const first = sheet.getRow(2);
    assert.equal(first.getCell(1).value, '东湖区');
    assert.equal(first.getCell(2).value, 120);
    assert.equal(first.getCell(3).value, 0.875);
    assert.equal(first.getCell(3).numFmt, '0.0%');
    assert.equal(first.getCell(2).numFmt, '0');
    assert.deepEqual(first.getCell(4).value, new Date('2026-10-31T00:00:00Z'));
    assert.equal(first.getCell(4).numFmt, 'yyyy-mm-dd');
    assert.deepEqual(first.getCell(5).value, new Date('2026-11-01T00:30:00Z'), 'Shanghai wall clock');
    assert.equal(sheet.getRow(3).getCell(3).value, null, 'no rate: an empty cell');
    assert.equal(sheet.getRow(4).getCell(1).value, '=HYPERLINK("http://evil")', 'text, not a formula');
    assert.equal(sheet.rowCount, 4);
  });

  describe('over HTTP (?format=)', () => {
    let server: RunningApi;
    let api: AdminApiClient;
    let ids: string[] = [];

    before(async () => {
      ids = await insertFixtureCases(testPrisma(), [
        ...casesInMonth('2017-05', 2, { categoryId: 'cat-environment.water' }),
        ...casesInMonth('2017-06', 12, { categoryId: 'cat-environment.water' }),
      ]);
      server = await startApi();
      api = new AdminApiClient(server.url);
      await api.login('auditor');
    });

    after(async () => {
      await testPrisma().case.deleteMany({ where: { id: { in: ids } } });
      await server?.close();
    });

    const download = (query: string) => fetch(`${server.url}/api/statistics/hotspots?${query}`, { headers: { authorization: `Bearer ${api.token('auditor')}` } });

    it('downloads the hot spots as XLSX with a UTF-8 file name', async () => {
      const response = await download('month=2017-06&by=category&format=xlsx');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="[^"]+\.xlsx"; filename\*=UTF-8''/);
      assert.equal(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(response.headers.get('content-disposition')!)![1]!), '热点类别-2017-06.xlsx');
      const sheet = await readXlsx(Buffer.from(await response.arrayBuffer()));
      assert.equal(sheet.getRow(1).getCell(1).value, '类别');
      const water = sheet.getRows(2, sheet.rowCount - 1)!.find((row) => row.getCell(1).value === '水污染');
      assert.ok(water, 'the spiking category is a row');
      assert.equal(water.getCell(3).value, 12);
      assert.equal(water.getCell(8).value, '是');
    });

    it('downloads the hot spots as CSV', async () => {
      const response = await download('month=2017-06&by=category&format=csv');
      assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8');
      const records = parseCsv((await response.text()).replace(/^\uFEFF/, ''));
      assert.deepEqual(records[0], ['类别', '类型', '本月件数', '前6月均值', '标准差', '本月/均值', 'Z值', '是否热点']);
      assert.ok(records.some((record) => record[0] === '水污染' && record[2] === '12'));
    });

    it('answers 400 for an unknown format and JSON errors when the query is bad', async () => {
      const unknown = await download('month=2017-06&format=pdf');
      assert.equal(unknown.status, 400);
      assert.deepEqual(((await unknown.json()) as any).error.fields, { format: 'json, csv or xlsx' });
      const badMonth = await download('month=2017-6&format=xlsx');
      assert.equal(badMonth.status, 400);
      assert.match(badMonth.headers.get('content-type') ?? '', /json/);
    });
  });
});
