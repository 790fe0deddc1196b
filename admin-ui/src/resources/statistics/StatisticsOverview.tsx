import { Box } from '@mui/material';
import { useTranslate } from 'react-admin';
import { ChannelPieChart } from './charts/ChannelPieChart';
import { OverdueChart } from './charts/OverdueChart';
import { SatisfactionChart } from './charts/SatisfactionChart';
import { TopCategoriesChart } from './charts/TopCategoriesChart';
import { UnitRatesChart } from './charts/UnitRatesChart';
import { VolumeByDayChart } from './charts/VolumeByDayChart';
import { KpiTiles } from './KpiTiles';
import { indicatorsPath, summaryPath } from './paths';
import type { StatisticsPeriod } from './period';
import { StatisticsSection } from './StatisticsSection';
import type { IndicatorResult, SummaryResult } from './types';
import { useStatistics } from './useStatistics';

/** The dashboard proper: headline figures and the charts of the period. */
export const StatisticsOverview = ({ period }: { period: StatisticsPeriod }) => {
  const translate = useTranslate();
  const summary = useStatistics<SummaryResult>(summaryPath(period));
  const units = useStatistics<IndicatorResult>(indicatorsPath(period, 'unit'));
  const title = (key: string, options?: Record<string, unknown>) => translate(`hotline.statistics.charts.${key}`, options);
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(3, minmax(0, 1fr))' }}>
      <Box sx={{ gridColumn: '1 / -1' }}>
        <StatisticsSection title={translate('hotline.statistics.title')} testId="statistics-kpis" query={summary} height={96}>
          {summary.data && <KpiTiles summary={summary.data} />}
        </StatisticsSection>
      </Box>
      <Box sx={{ gridColumn: 'span 2' }}>
        <StatisticsSection title={title('volumeByDay')} testId="chart-volume" query={summary}>
          {summary.data && <VolumeByDayChart summary={summary.data} period={period} />}
        </StatisticsSection>
      </Box>
      <StatisticsSection title={title('byChannel')} testId="chart-channels" query={summary}>
        {summary.data && <ChannelPieChart summary={summary.data} />}
      </StatisticsSection>
      <Box sx={{ gridColumn: 'span 2' }}>
        <StatisticsSection title={title('topCategories', { count: summary.data?.topCategories.length ?? 10 })} testId="chart-categories" query={summary}>
          {summary.data && <TopCategoriesChart summary={summary.data} />}
        </StatisticsSection>
      </Box>
      <StatisticsSection title={title('satisfaction')} testId="chart-satisfaction" query={summary}>
        {summary.data && <SatisfactionChart summary={summary.data} />}
      </StatisticsSection>
      <Box sx={{ gridColumn: 'span 2' }}>
        <StatisticsSection title={title('unitRates')} testId="chart-unit-rates" query={units}>
          {units.data && <UnitRatesChart rows={units.data.rows} indicators={['signForOnTimeRate', 'completedOnTimeRate']} targets={units.data.targets} />}
        </StatisticsSection>
      </Box>
      <StatisticsSection title={title('overdue')} testId="chart-overdue" query={units}>
        {units.data && <OverdueChart rows={units.data.rows} />}
      </StatisticsSection>
      <Box sx={{ gridColumn: 'span 2' }}>
        <StatisticsSection title={title('threeRates')} testId="chart-three-rates" query={units}>
          {units.data && <UnitRatesChart rows={units.data.rows} indicators={['responseRate', 'resolutionRate', 'satisfactionRate']} targets={units.data.targets} />}
        </StatisticsSection>
      </Box>
    </Box>
  );
};
