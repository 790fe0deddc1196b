import { BarChart } from '@mui/x-charts/BarChart';
import { useTranslate } from 'react-admin';
import type { SummaryResult } from '../types';
import { useChartLocaleText } from './chartText';

/** The busiest categories of the period (the API lists ten). */
export const TopCategoriesChart = ({ summary }: { summary: SummaryResult }) => {
  const translate = useTranslate();
  const localeText = useChartLocaleText();
  const names = summary.topCategories.map((category) => (category.categoryId === null ? translate('hotline.statistics.indicators.uncategorised') : category.name));
  return (
    <BarChart
      height={300}
      layout="horizontal"
      localeText={localeText}
      yAxis={[{ scaleType: 'band', data: names, width: 120 }]}
      xAxis={[{ tickMinStep: 1 }]}
      hideLegend
      series={[{ id: 'count', label: translate('hotline.statistics.charts.cases'), data: summary.topCategories.map((category) => category.count) }]}
    />
  );
};
