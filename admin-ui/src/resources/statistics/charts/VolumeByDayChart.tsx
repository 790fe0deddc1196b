import { BarChart } from '@mui/x-charts/BarChart';
import { useTranslate } from 'react-admin';
import { daysOf, type StatisticsPeriod } from '../period';
import type { SummaryResult } from '../types';
import { useChannelName, useChartLocaleText } from './chartText';

/** Cases received per day, stacked by channel. */
export const VolumeByDayChart = ({ summary, period }: { summary: SummaryResult; period: StatisticsPeriod }) => {
  const translate = useTranslate();
  const channelName = useChannelName();
  const localeText = useChartLocaleText();
  const days = daysOf(period);
  const byDate = new Map(summary.byDay.map((day) => [day.date, day.byChannel]));
  const channels = summary.byChannel.map((entry) => entry.channel);
  return (
    <BarChart
      height={260}
      localeText={localeText}
      xAxis={[{ scaleType: 'band', data: days, valueFormatter: (day: string) => day.slice(5) }]}
      yAxis={[{ label: translate('hotline.statistics.charts.cases'), tickMinStep: 1 }]}
      series={channels.map((channel) => ({
        id: channel,
        label: channelName(channel),
        stack: 'received',
        data: days.map((day) => byDate.get(day)?.[channel] ?? 0),
      }))}
    />
  );
};
