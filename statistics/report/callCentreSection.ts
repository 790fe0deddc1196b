// The monthly report's call-centre section (话务统计): the month's totals, the busiest hours and
// the operators, in the export's columns (statistics/export/callCentreTable.ts).
import type { CallCentreResult } from '../callCentre';
import { callCentreTable, callFigureColumns, operatorColumns } from '../export/callCentreTable';
import { column, table } from '../export/table';
import { escapeHtml, htmlTable } from './htmlTable';

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const seconds = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)}秒`);

export function callCentreSection(heading: string, result: CallCentreResult): string {
  const t = result.totals;
  const figure = (label: string, value: string) => `<div class="figure">${escapeHtml(label)}<b>${escapeHtml(value)}</b></div>`;
  const hours = result.byHour.filter((row) => row.received > 0);
  const byHour = hours.length
    ? htmlTable(table('按时段', hours, [column('时段', 'text', (row) => `${String(row.hour).padStart(2, '0')}:00`), ...callFigureColumns()]))
    : '<p class="empty">本月无来电。</p>';
  const operators = result.operators.length ? htmlTable(table('话务员', result.operators, operatorColumns())) : '<p class="empty">本月无话务员接听记录。</p>';
  return `<section id="call-centre"><h2>${escapeHtml(heading)}</h2>
<div class="figures">${figure('转人工', String(t.offered))}${figure('接通', String(t.answered))}${figure('接通率', percent(t.answerRate))}${figure('放弃', String(t.abandoned))}${figure('平均等待', seconds(t.avgWaitSec))}${figure('平均通话', seconds(t.avgTalkSec))}</div>
<p class="note">统计口径：按来电时间（北京时间）计入；转人工＝进入话务员队列的来电，接通率＝接通÷转人工，放弃＝排队中挂机；等待自进入队列至接通或挂机，通话自接通至结束，处理时长另含通话结束后至来电归入工单的话后处理（不超过1小时）。本月来电 ${t.received} 个，排队中转留言 ${t.toVoicemail} 个。</p>
<h3>按日</h3>${htmlTable(callCentreTable(result))}
<h3>按时段</h3>${byHour}
<h3>话务员</h3>${operators}
</section>`;
}
