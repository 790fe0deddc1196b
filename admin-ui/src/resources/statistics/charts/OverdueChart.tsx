import { BarChart } from '@mui/x-charts/BarChart';
import { useTranslate } from 'react-admin';
import type { IndicatorRow } from '../types';
import { useChartLocaleText } from './chartText';

const UNITS_SHOWN = 10;

/** The units with the most overdue cases in the period. */
export const OverdueChart = ({ rows }: { rows: IndicatorRow[] }) => {
  const translate = useTranslate();
  const localeText = useChartLocaleText();
  const shown = rows.filter((row) => row.overdueCount > 0).sort((a, b) => b.overdueCount - a.overdueCount).slice(0, UNITS_SHOWN);
  return (
    <BarChart
      height={300}
      layout="horizontal"
      localeText={localeText}
      yAxis={[{ scaleType: 'band', data: shown.map((row) => row.name), width: 120 }]}
      xAxis={[{ tickMinStep: 1 }]}
      hideLegend
      series={shown.length === 0 ? [] : [{ id: 'overdueCount', label: translate('hotline.statistics.indicator.overdueCount'), color: '#d32f2f', data: shown.map((row) => row.overdueCount) }]}
    />
  );
};
