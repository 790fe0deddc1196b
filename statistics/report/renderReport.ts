// The printable monthly report (月度报告): one self-contained HTML page, Chinese, laid out for
// A4 paper — each section starts a page, table headers repeat on every page, no console chrome.
// Pure: ReportData in, HTML out; every value from the database is escaped.
import { formatShanghaiMinute } from '../../rules/shanghaiTime';
import { assessmentTable, hotspotTable, indicatorsTable, STATUS_NAMES, targetText } from '../export/statisticsTables';
import type { IndicatorTarget } from '../../rules/assessment/targets';
import { criticismRuleText } from '../criticismRule';
import { column, table } from '../export/table';
import type { HotspotReport } from '../hotspots';
import type { RepeatComplaintReport } from '../repeatComplaints';
import { escapeHtml, htmlTable } from './htmlTable';
import { callCentreSection } from './callCentreSection';
import type { ReportData } from './reportData';
import type { CountBy, MonthSummary } from './monthSummary';

/** Repeat-complaint groups printed; the rest are counted. */
export const REPORT_MAX_REPEAT_GROUPS = 30;
/** Cases printed per group; the export lists them all. */
export const REPORT_MAX_GROUP_CASES = 20;

const STYLE = `
  @page { size: A4; margin: 16mm 14mm 18mm; }
  * { box-sizing: border-box; }
  body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; font-size: 10.5pt; color: #111; margin: 0; line-height: 1.5; }
  h1 { font-size: 20pt; text-align: center; margin: 0 0 4mm; letter-spacing: 0.1em; }
  h2 { font-size: 14pt; border-bottom: 1.5pt solid #b00; padding-bottom: 1mm; margin: 0 0 3mm; }
  h3 { font-size: 11pt; margin: 4mm 0 1.5mm; }
  .meta { text-align: center; color: #444; margin-bottom: 6mm; }
  section { break-before: page; page-break-before: always; }
  section.first { break-before: auto; page-break-before: auto; }
  table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 9pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  th, td { border: 0.5pt solid #888; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
  th { background: #eee; font-weight: bold; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  tr.flagged td { font-weight: bold; background: #fdecea; }
  .figures { display: flex; gap: 4mm; margin: 3mm 0 5mm; }
  .figure { flex: 1; border: 0.5pt solid #888; padding: 2mm; text-align: center; }
  .figure b { display: block; font-size: 16pt; }
  .note { color: #555; font-size: 9pt; }
  .empty { color: #555; font-style: italic; }
  .group { break-inside: avoid; page-break-inside: avoid; }
  @media screen {
    body { background: #e5e5e5; }
    main { background: #fff; width: 210mm; margin: 8mm auto; padding: 16mm 14mm; box-shadow: 0 0 4mm rgba(0,0,0,.2); }
    section { margin-top: 12mm; }
  }
  @media print { main { padding: 0; } }
`;

function percentChange(current: number, previous: number): string {
  if (previous === 0) return '—';
  const change = ((current - previous) / previous) * 100;
  return `${change >= 0 ? '+' : ''}${change.toFixed(1)}%`;
}

function countTable(title: string, rows: CountBy[]): string {
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return htmlTable(
    table(title, rows, [
      column(title, 'text', (row) => row.name),
      column('件数', 'integer', (row) => row.count),
      column('占比', 'rate', (row) => (total === 0 ? null : row.count / total)),
    ]),
  );
}

function summarySection(month: string, summary: MonthSummary): string {
  const figure = (label: string, value: string) => `<div class="figure">${escapeHtml(label)}<b>${escapeHtml(value)}</b></div>`;
  return `<section class="first" id="summary"><h2>一、本月概况</h2>
<div class="figures">${figure('受理量', String(summary.received))}${figure('环比', percentChange(summary.received, summary.receivedPreviousMonth))}${figure('办结量', String(summary.closed))}${figure('月末超期未办结', String(summary.overdueAtMonthEnd))}</div>
<p class="note">统计口径：按受理时间（北京时间）计入${escapeHtml(month)}；已合并的重复件不计入受理量。上月受理 ${summary.receivedPreviousMonth} 件。</p>
<h3>按渠道</h3>${summary.byChannel.length ? countTable('渠道', summary.byChannel) : '<p class="empty">本月无受理件。</p>'}
<h3>按诉求类型</h3>${summary.byCaseType.length ? countTable('诉求类型', summary.byCaseType) : '<p class="empty">本月无受理件。</p>'}
</section>`;
}

function unavailable(what: string): string {
  return `<p class="empty">${escapeHtml(what)}暂不可用。</p>`;
}

function hotspotSection(heading: string, report: HotspotReport): string {
  const flagged = report.rows.filter((row) => row.flagged);
  const { baselineMonths, sigmaFactor, minCount } = report.settings;
  const method = `判定方法：本月件数与前${baselineMonths}个月（${escapeHtml(report.baselineMonths[0] ?? '')}至${escapeHtml(report.baselineMonths.at(-1) ?? '')}）的均值比较，超过“均值＋${sigmaFactor}×标准差”且不少于${minCount}件即为热点。`;
  const body = flagged.length ? htmlTable({ ...hotspotTable(report), rows: flagged }, { rowClass: () => 'flagged' }) : '<p class="empty">本月未发现热点。</p>';
  return `<h3>${escapeHtml(heading)}</h3><p class="note">${method}</p>${body}`;
}

function repeatSection(report: RepeatComplaintReport): string {
  const { minCases, windowDays } = report.settings;
  const shown = report.groups;
  const groups = shown.map((group) => {
    const cases = htmlTable(
      table('案件', group.cases.slice(0, REPORT_MAX_GROUP_CASES), [
        column('受理号', 'text', (item) => item.id),
        column('受理时间', 'datetime', (item) => item.receivedAt),
        column('标题', 'text', (item) => item.title),
        column('类别', 'text', (item) => item.categoryName),
        column('承办单位', 'text', (item) => item.leadUnitName),
        column('状态', 'text', (item) => STATUS_NAMES[item.status] ?? item.status),
      ]),
    );
    const kind = group.kind === 'citizen' ? '同一市民' : '同一地点同类诉求';
    const omitted = group.caseCount > REPORT_MAX_GROUP_CASES ? `<p class="note">仅列出前${REPORT_MAX_GROUP_CASES}件。</p>` : '';
    return `<div class="group"><h3>${escapeHtml(kind)}：${escapeHtml(group.label)}（共${group.caseCount}件，${windowDays}天内最多${group.maxInWindow}件）</h3>${cases}${omitted}</div>`;
  });
  const more = report.totalGroups > shown.length ? `<p class="note">共 ${report.totalGroups} 组，另有 ${report.totalGroups - shown.length} 组未列出，请导出明细。</p>` : '';
  return `<section id="repeat-complaints"><h2>五、重复投诉</h2>
<p class="note">判定方法：同一来电号码，或同一地点同一类别，在${windowDays}天内诉求达到${minCases}件及以上。市民号码已脱敏。</p>
${groups.length ? groups.join('\n') : '<p class="empty">本月未发现重复投诉。</p>'}${more}
</section>`;
}

/** The targets the month was judged against, and which units missed them (their rows are flagged below). */
function targetsNote(targets: IndicatorTarget[], rows: { name: string; missedTargets: string[] }[]): string {
  if (targets.length === 0) return '<p class="note">未设定考核目标。</p>';
  const below = rows.filter((row) => row.missedTargets.length > 0).map((row) => row.name);
  const units = below.length ? `未达标单位（加粗标出）：${escapeHtml(below.join('、'))}。` : '各单位均已达标。';
  return `<p class="note targets">考核目标：${escapeHtml(targets.map(targetText).join('；'))}。${units}</p>`;
}

const flaggedRow = (row: { missedTargets: unknown[] }) => (row.missedTargets.length > 0 ? 'flagged' : '');

export function renderReport(data: ReportData): string {
  const assessment = data.assessment
    ? targetsNote(data.assessment.targets, data.assessment.rows.map((row) => ({ name: row.unitName, missedTargets: row.missedTargets }))) + htmlTable(assessmentTable(data.assessment), { rowClass: flaggedRow })
    : unavailable('考核排名');
  const indicators = data.indicatorsByUnit
    ? targetsNote(data.indicatorsByUnit.targets, data.indicatorsByUnit.rows) + `<p class="note criticism-rule">${escapeHtml(criticismRuleText(data.criticismRule))}</p>` + htmlTable(indicatorsTable(data.indicatorsByUnit), { rowClass: flaggedRow })
    : unavailable('分单位考核指标');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>12345热线月度报告 ${escapeHtml(data.month)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>12345政务服务便民热线月度报告</h1>
<p class="meta">统计月份：${escapeHtml(data.month)}　生成时间：${escapeHtml(formatShanghaiMinute(data.generatedAt.getTime()))}</p>
${summarySection(data.month, data.summary)}
<section id="assessment"><h2>二、承办单位考核排名</h2>${assessment}</section>
<section id="indicators"><h2>三、分单位考核指标</h2>${indicators}</section>
<section id="hotspots"><h2>四、热点分析</h2>
${hotspotSection('热点类别', data.categoryHotspots)}
${hotspotSection('热点地点', data.placeHotspots)}
</section>
${repeatSection(data.repeatComplaints)}
${callCentreSection('六、话务统计', data.callCentre)}
</main>
</body>
</html>
`;
}
