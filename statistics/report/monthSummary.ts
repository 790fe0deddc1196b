// The month at a glance, first section of the report: what came in (by channel and type), what
// was closed, what is overdue now. Counted from the projection; merged duplicates excluded.
import type { PrismaClient } from '../../prisma/client';
import { monthsSpan, type IsoMonth } from '../calendarMonths';

export interface CountBy {
  key: string;
  name: string;
  count: number;
}

export interface MonthSummary {
  received: number;
  /** Received in the month before, for 环比. */
  receivedPreviousMonth: number;
  closed: number;
  /** Cases with neither a result nor a closing by the month's end, their handling deadline passed. */
  overdueAtMonthEnd: number;
  byChannel: CountBy[];
  byCaseType: CountBy[];
}

const CHANNEL_NAMES: Record<string, string> = { phone: '电话', sms: '短信', web: '网站', email: '电子邮件', letter: '信件', wechat: '微信', open311: '开放接口', walkIn: '来访' };

export async function computeMonthSummary(prisma: PrismaClient, month: IsoMonth, previousMonth: IsoMonth): Promise<MonthSummary> {
  const { start, end } = monthsSpan(month, month);
  const previous = monthsSpan(previousMonth, previousMonth);
  const received = { receivedAt: { gte: start, lt: end }, mergedIntoId: null };
  const [receivedCount, receivedPreviousMonth, closed, overdueAtMonthEnd, channels, types, typeNames] = await Promise.all([
    prisma.case.count({ where: received }),
    prisma.case.count({ where: { receivedAt: { gte: previous.start, lt: previous.end }, mergedIntoId: null } }),
    prisma.case.count({ where: { closedAt: { gte: start, lt: end } } }),
    prisma.case.count({
      where: {
        receivedAt: { lt: end }, mergedIntoId: null,
        // Due before the month ended, by the running clock or the one that stopped since.
        AND: [
          { OR: [{ handleDueAt: { lt: end } }, { finalHandleDueAt: { lt: end } }] },
          { OR: [{ closedAt: null }, { closedAt: { gte: end } }] }, { OR: [{ resultSubmittedAt: null }, { resultSubmittedAt: { gte: end } }] },
        ],
      },
    }),
    prisma.case.groupBy({ by: ['channel'], where: received, _count: { _all: true } }),
    prisma.case.groupBy({ by: ['caseTypeCode'], where: received, _count: { _all: true } }),
    prisma.caseType.findMany({ select: { code: true, name: true } }),
  ]);
  const names = new Map(typeNames.map((type) => [type.code, type.name]));
  const byCount = (a: CountBy, b: CountBy) => b.count - a.count || a.key.localeCompare(b.key);
  return {
    received: receivedCount,
    receivedPreviousMonth,
    closed,
    overdueAtMonthEnd,
    byChannel: channels.map((row) => ({ key: row.channel, name: CHANNEL_NAMES[row.channel] ?? row.channel, count: row._count._all })).sort(byCount),
    byCaseType: types.map((row) => ({ key: row.caseTypeCode, name: names.get(row.caseTypeCode) ?? row.caseTypeCode, count: row._count._all })).sort(byCount),
  };
}
