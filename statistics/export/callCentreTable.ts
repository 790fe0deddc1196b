// The call-centre figures as a download (?format=csv|xlsx): by day with a total row, by hour of
// day, or per operator (?table=days|hours|operators), with the same Chinese headers as the report.
import type { Request } from 'express';
import type { CallCentreResult, CallFigures, OperatorFigures } from '../callCentre';
import { column, table, type Column, type Table } from './table';

export const CALL_CENTRE_TABLES = ['days', 'hours', 'operators'] as const;
export type CallCentreTableName = (typeof CALL_CENTRE_TABLES)[number];

/** The columns every row of figures has, after its own first column. */
export function callFigureColumns<Row extends CallFigures>(): Column<Row>[] {
  return [
    column('来电量', 'integer', (row) => row.received),
    column('转人工量', 'integer', (row) => row.offered),
    column('接通量', 'integer', (row) => row.answered),
    column('放弃量', 'integer', (row) => row.abandoned),
    column('转留言量', 'integer', (row) => row.toVoicemail),
    column('接通率', 'rate', (row) => row.answerRate),
    column('呼损率', 'rate', (row) => row.abandonRate),
    column('平均等待(秒)', 'decimal', (row) => row.avgWaitSec, 14),
    column('平均通话(秒)', 'decimal', (row) => row.avgTalkSec, 14),
  ];
}

export function operatorColumns(): Column<OperatorFigures>[] {
  return [
    column('话务员', 'text', (row) => row.displayName, 16),
    column('账号', 'text', (row) => row.username, 16),
    column('接听量', 'integer', (row) => row.callsTaken),
    column('登记工单', 'integer', (row) => row.casesRegistered),
    column('来电建单', 'integer', (row) => row.callsWithCase),
    column('平均通话(秒)', 'decimal', (row) => row.avgTalkSec, 14),
    column('平均处理(秒)', 'decimal', (row) => row.avgHandlingSec, 14),
  ];
}

export function callCentreTable(result: CallCentreResult, req?: Pick<Request, 'query'>): Table<any> {
  const name: CallCentreTableName = CALL_CENTRE_TABLES.find((t) => t === req?.query.table) ?? 'days';
  const period = `${result.from}至${result.to}`;
  if (name === 'hours') return table(`话务统计-按时段-${period}`, result.byHour, [column('时段', 'text', (row) => `${String(row.hour).padStart(2, '0')}:00`, 8), ...callFigureColumns()]);
  if (name === 'operators') return table(`话务员-${period}`, result.operators, operatorColumns());
  const rows = [...result.byDay, { date: '合计', ...result.totals }];
  return table(`话务统计-按日-${period}`, rows, [column('日期', 'text', (row) => row.date, 12), ...callFigureColumns()]);
}
