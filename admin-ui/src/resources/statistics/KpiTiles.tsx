import { Box, Paper, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useFormatters } from './format';
import type { Change, SummaryResult } from './types';

type Formatters = ReturnType<typeof useFormatters>;

interface Comparison {
  label: string;
  text: string;
  color: string;
}

interface Tile {
  key: string;
  value: string;
  comparisons: Comparison[];
}

/** A count changes by a share of itself; a rate by percentage points. */
const describeChange = (change: Change, kind: 'count' | 'rate', format: Formatters, translate: ReturnType<typeof useTranslate>): string =>
  kind === 'count' ? format.signedPercent(change.relativeChange) : change.change === null ? '—' : translate('hotline.statistics.kpi.points', { value: format.signed(change.change * 100) });

const tilesOf = (summary: SummaryResult, compact: boolean, format: Formatters, translate: ReturnType<typeof useTranslate>): Tile[] => {
  // A higher rate is better; more cases is neither good nor bad.
  const colorOf = (change: Change, kind: 'count' | 'rate') =>
    kind === 'count' || change.change === null || change.change === 0 ? 'text.secondary' : change.change > 0 ? 'success.main' : 'error.main';
  const compared = (field: 'received' | 'completedOnTimeRate' | 'satisfactionRate', kind: 'count' | 'rate'): Comparison[] =>
    (['previous', 'lastYear'] as const).map((period) => ({
      label: translate(`hotline.statistics.kpi.${period}`),
      text: describeChange(summary[period][field], kind, format, translate),
      color: colorOf(summary[period][field], kind),
    }));
  const tiles: Tile[] = [
    { key: 'received', value: format.number(summary.totals.received), comparisons: compared('received', 'count') },
    { key: 'completedOnTimeRate', value: format.percent(summary.totals.completedOnTimeRate), comparisons: compared('completedOnTimeRate', 'rate') },
    { key: 'satisfactionRate', value: format.percent(summary.totals.satisfactionRate), comparisons: compared('satisfactionRate', 'rate') },
    { key: 'overdueCount', value: format.number(summary.totals.overdueCount), comparisons: [] },
  ];
  if (compact) return tiles;
  return [
    ...tiles,
    { key: 'signForOnTimeRate', value: format.percent(summary.totals.signForOnTimeRate), comparisons: [] },
    { key: 'supervisionCount', value: format.number(summary.totals.supervisionCount), comparisons: [] },
  ];
};

/** The period's headline figures from `/api/statistics/summary`, with 环比 and 同比. */
export const KpiTiles = ({ summary, compact = false }: { summary: SummaryResult; compact?: boolean }) => {
  const translate = useTranslate();
  const format = useFormatters();
  const tiles = tilesOf(summary, compact, format, translate);
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: `repeat(${tiles.length}, minmax(0, 1fr))` }}>
      {tiles.map((tile) => (
        <Paper key={tile.key} variant="outlined" sx={{ p: 1.5 }} data-testid={`kpi-${tile.key}`}>
          <Typography variant="body2" color="text.secondary">
            {translate(`hotline.statistics.kpi.${tile.key}`)}
          </Typography>
          <Typography variant={compact ? 'h5' : 'h4'} component="p" data-testid={`kpi-${tile.key}-value`}>
            {tile.value}
          </Typography>
          {tile.comparisons.map((comparison) => (
            <Typography key={comparison.label} variant="caption" component="p" color={comparison.color}>
              {`${comparison.label} ${comparison.text}`}
            </Typography>
          ))}
        </Paper>
      ))}
    </Box>
  );
};
