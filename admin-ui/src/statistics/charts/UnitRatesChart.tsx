import { BarChart } from '@mui/x-charts/BarChart';
import { useTranslate } from 'react-admin';
import { useFormatters } from '../format';
import type { IndicatorRow } from '../types';
import { useChartLocaleText } from './chartText';

const UNITS_SHOWN = 10;

/** Sign-for and completion on time for the busiest units (rows of `/indicators?groupBy=unit`). */
export const UnitRatesChart = ({ rows }: { rows: IndicatorRow[] }) => {
  const translate = useTranslate();
  const format = useFormatters();
  const localeText = useChartLocaleText();
  const shown = rows.slice(0, UNITS_SHOWN);
  const seriesOf = (indicator: 'signForOnTimeRate' | 'completedOnTimeRate') => ({
    id: indicator,
    label: translate(`hotline.statistics.indicator.${indicator}`),
    data: shown.map((row) => row[indicator]),
    valueFormatter: (value: number | null) => format.percent(value),
  });
  return (
    <BarChart
      height={300}
      layout="horizontal"
      localeText={localeText}
      yAxis={[{ scaleType: 'band', data: shown.map((row) => row.name), width: 120 }]}
      xAxis={[{ min: 0, max: 1, valueFormatter: (value: number) => format.percent(value) }]}
      series={shown.length === 0 ? [] : [seriesOf('signForOnTimeRate'), seriesOf('completedOnTimeRate')]}
    />
  );
};
