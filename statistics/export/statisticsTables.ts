// The statistics answers as tables, one function per endpoint: the exports (CSV, XLSX) and
// the printable report render the same columns, with the same Chinese headers.
import type { HotspotReport, HotspotRow } from '../hotspots';
import type { RepeatCase, RepeatComplaintReport, RepeatGroup } from '../repeatComplaints';
import { INDICATOR_KEYS, indicatorNames, isRateIndicator, type RateIndicator } from '../../rules/assessment/indicators';
import type { AssessmentResult, AssessmentRow, IndicatorsResult, TargetedIndicatorRow, TargetedIndicators } from '../report/reportData';
import type { IndicatorTarget } from '../../rules/assessment/targets';
import { column, table, type Table } from './table';

const KIND_NAMES: Record<HotspotRow['kind'], string> = { category: '类别', address: '地点', grid: '网格' };
/** The lifecycle's states as the hotline names them (shared/DOMAIN.md). */
export const STATUS_NAMES: Record<string, string> = {
  draft: '草稿', registered: '已受理', answeredDirectly: '直接答复', rejected: '不予受理', merged: '已合并', dispatched: '已交办',
  returnRequested: '申请退回', arbitration: '仲裁中', signed: '已签收', subDispatched: '已下派', resultSubmitted: '已反馈',
  unitApproved: '已审核', callback: '回访中', awaitingUnsatisfiedDecision: '不满意待定', closed: '已办结', reReview: '复核中', archived: '已归档',
};
const GROUP_KIND_NAMES: Record<RepeatGroup['kind'], string> = { citizen: '同一市民', placeCategory: '同一地点同类诉求' };

export function hotspotTable(report: HotspotReport): Table<HotspotRow> {
  const what = report.by === 'category' ? '类别' : '地点';
  return table(`热点${what}-${report.month}`, report.rows, [
    column(what, 'text', (row) => row.name, 28),
    column('类型', 'text', (row) => KIND_NAMES[row.kind], 8),
    column('本月件数', 'integer', (row) => row.current),
    column(`前${report.baselineMonths.length}月均值`, 'decimal', (row) => row.baselineMean),
    column('标准差', 'decimal', (row) => row.baselineSd),
    column('本月/均值', 'decimal', (row) => row.ratio),
    column('Z值', 'decimal', (row) => row.zScore),
    column('是否热点', 'text', (row) => (row.flagged ? '是' : '否'), 10),
  ]);
}

/** One row per case, its group's columns first. */
export function repeatComplaintTable(report: RepeatComplaintReport): Table<{ group: RepeatGroup; item: RepeatCase }> {
  const rows = report.groups.flatMap((group) => group.cases.map((item) => ({ group, item })));
  return table(`重复投诉-${report.from}至${report.to}`, rows, [
    column('分组', 'text', (row) => row.group.groupId, 16),
    column('分组类型', 'text', (row) => GROUP_KIND_NAMES[row.group.kind], 16),
    column('市民/地点', 'text', (row) => row.group.label, 28),
    column(`${report.settings.windowDays}天内最多件数`, 'integer', (row) => row.group.maxInWindow),
    column('受理号', 'text', (row) => row.item.id, 18),
    column('受理时间', 'datetime', (row) => row.item.receivedAt),
    column('标题', 'text', (row) => row.item.title, 36),
    column('类别', 'text', (row) => row.item.categoryName),
    column('地址', 'text', (row) => row.item.address, 30),
    column('承办单位', 'text', (row) => row.item.leadUnitName),
    column('状态', 'text', (row) => STATUS_NAMES[row.item.status] ?? row.item.status, 10),
  ]);
}

const GROUP_NAMES: Record<IndicatorsResult['groupBy'], string> = { unit: '单位', category: '类别', channel: '渠道', all: '全市' };

/** The indicators as the hotline names them. */
const INDICATOR_NAMES = indicatorNames('zh');

/** A target as a line of text, e.g. "解决率 ≥ 80%". */
export function targetText(target: IndicatorTarget): string {
  return `${INDICATOR_NAMES[target.indicator]} ${target.comparison === 'atLeast' ? '≥' : '≤'} ${Math.round(target.value * 1000) / 10}%`;
}

const missedText = (missed: RateIndicator[]) => missed.map((indicator) => INDICATOR_NAMES[indicator]).join('、');

export function indicatorsTable(result: TargetedIndicators): Table<TargetedIndicatorRow> {
  return table(`考核指标-按${GROUP_NAMES[result.groupBy]}-${result.from}至${result.to}`, result.rows, [
    column(GROUP_NAMES[result.groupBy], 'text', (row) => row.name, 28),
    ...INDICATOR_KEYS.map((key) => column<TargetedIndicatorRow>(INDICATOR_NAMES[key], isRateIndicator(key) ? 'rate' : 'integer', (row) => row[key])),
    column('未达标指标', 'text', (row) => missedText(row.missedTargets), 20),
  ]);
}

export function assessmentTable(result: AssessmentResult): Table<AssessmentRow> {
  return table(`考核排名-${result.month}`, result.rows, [
    column('排名', 'integer', (row) => row.rank, 6),
    column('单位', 'text', (row) => row.unitName, 28),
    column('工作绩效', 'decimal', (row) => row.workPerformance),
    column('群众评价', 'decimal', (row) => row.citizenEvaluation),
    column('综合得分', 'decimal', (row) => row.score),
    column('上月得分', 'decimal', (row) => row.previous?.score),
    column('环比变化', 'decimal', (row) => row.previous?.change),
    column('去年同月得分', 'decimal', (row) => row.lastYear?.score, 14),
    column('同比变化', 'decimal', (row) => row.lastYear?.change),
    column('未达标指标', 'text', (row) => missedText(row.missedTargets), 20),
  ]);
}
