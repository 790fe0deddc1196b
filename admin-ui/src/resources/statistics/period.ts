// The period the statistics pages show: a calendar month (this month by default) or a custom
// range of whole Asia/Shanghai days, as the API counts them.

export type StatisticsPeriod = { kind: 'month'; month: string } | { kind: 'range'; from: string; to: string };

const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Shanghai calendar day of an instant (today by default), `YYYY-MM-DD`, whatever the browser's zone. */
export const shanghaiDate = (instant = new Date()): string => SHANGHAI_DATE.format(instant);

export const currentMonth = (now = new Date()): string => shanghaiDate(now).slice(0, 7);

export const addMonths = (month: string, delta: number): string => {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (mon - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/** This month and the ones before it, newest first. */
export const recentMonths = (count: number, now = new Date()): string[] =>
  Array.from({ length: count }, (_, i) => addMonths(currentMonth(now), -i));

const lastDayOf = (month: string): string => {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(year, mon, 0)).getUTCDate()).padStart(2, '0')}`;
};

export const thisMonth = (): StatisticsPeriod => ({ kind: 'month', month: currentMonth() });

/** The days the API is asked about, both included. */
export const dateRangeOf = (period: StatisticsPeriod): { from: string; to: string } =>
  period.kind === 'month' ? { from: `${period.month}-01`, to: lastDayOf(period.month) } : { from: period.from, to: period.to };

/** The month of the monthly views (assessment, hot spots, report): the range's last month. */
export const monthOf = (period: StatisticsPeriod): string => (period.kind === 'month' ? period.month : period.to.slice(0, 7));

/** Every day of the period up to today: days without cases are zeros in the charts, not gaps. */
export const daysOf = (period: StatisticsPeriod, today = shanghaiDate()): string[] => {
  const { from, to } = dateRangeOf(period);
  const last = to < today ? to : today;
  const days: string[] = [];
  for (let day = new Date(`${from}T00:00:00Z`); day.toISOString().slice(0, 10) <= last; day.setUTCDate(day.getUTCDate() + 1)) {
    days.push(day.toISOString().slice(0, 10));
  }
  return days;
};
