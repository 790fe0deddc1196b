import { BarChart } from '@mui/x-charts/BarChart';
import { ChartsReferenceLine } from '@mui/x-charts/ChartsReferenceLine';
import { useTranslate } from 'react-admin';
import { useFormatters } from '../format';
import type { IndicatorRow, IndicatorTarget, RateIndicator } from '../types';
import { useChartLocaleText } from './chartText';

const UNITS_SHOWN = 10;

/**
 * Rates of the busiest units (rows of `/indicators?groupBy=unit`), one bar series per indicator,
 * with each indicator's target (assessment.targets) drawn as a vertical line.
 */
export const UnitRatesChart = ({ rows, indicators, targets }: { rows: IndicatorRow[]; indicators: RateIndicator[]; targets: IndicatorTarget[] }) => {
  const translate = useTranslate();
  const format = useFormatters();
  const localeText = useChartLocaleText();
  const shown = rows.slice(0, UNITS_SHOWN);
  const seriesOf = (indicator: RateIndicator) => ({
    id: indicator,
    label: translate(`hotline.statistics.indicator.${indicator}`),
    data: shown.map((row) => row[indicator]),
    valueFormatter: (value: number | null) => format.percent(value),
  });
  const lines = targets.filter((target) => indicators.includes(target.indicator));
  return (
    <BarChart
      height={300}
      layout="horizontal"
      localeText={localeText}
      yAxis={[{ scaleType: 'band', data: shown.map((row) => row.name), width: 120 }]}
      xAxis={[{ min: 0, max: 1, valueFormatter: (value: number) => format.percent(value) }]}
      series={shown.length === 0 ? [] : indicators.map(seriesOf)}
    >
      {shown.length > 0 &&
        lines.map((target) => (
          <ChartsReferenceLine
            key={target.indicator}
            x={target.value}
            label={translate('hotline.statistics.charts.target', { indicator: translate(`hotline.statistics.indicator.${target.indicator}`), value: format.percent(target.value) })}
            labelAlign="start"
            lineStyle={{ stroke: '#c62828', strokeDasharray: '6 3', strokeWidth: 1.5 }}
            labelStyle={{ fill: '#c62828', fontSize: 11 }}
          />
        ))}
    </BarChart>
  );
};
