import { PieChart } from '@mui/x-charts/PieChart';
import type { SummaryResult } from '../types';
import { useChannelName, useChartLocaleText } from './chartText';

/** The period's cases by channel. */
export const ChannelPieChart = ({ summary }: { summary: SummaryResult }) => {
  const channelName = useChannelName();
  const localeText = useChartLocaleText();
  return (
    <PieChart
      height={260}
      localeText={localeText}
      series={[{ innerRadius: 40, data: summary.byChannel.map((entry) => ({ id: entry.channel, value: entry.count, label: channelName(entry.channel) })) }]}
    />
  );
};
