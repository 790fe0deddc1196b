import { Chip, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { useFormatters } from './format';
import { hotspotsPath } from './paths';
import { monthOf, type StatisticsPeriod } from './period';
import { StatisticsSection } from './StatisticsSection';
import type { HotspotDimension, HotspotReport } from './types';
import { useStatistics } from './useStatistics';

/** Categories or places whose month rose against their own baseline, flagged first. */
export const HotspotsTable = ({ period }: { period: StatisticsPeriod }) => {
  const translate = useTranslate();
  const format = useFormatters();
  const [by, setBy] = useState<HotspotDimension>('category');
  const month = monthOf(period);
  const query = useStatistics<HotspotReport>(hotspotsPath(period, by));
  const label = (key: string, options?: Record<string, unknown>) => translate(`hotline.statistics.hotspots.${key}`, options);
  const settings = query.data?.settings;

  const toggle = (
    <ToggleButtonGroup size="small" exclusive value={by} onChange={(_event, value: HotspotDimension | null) => value !== null && setBy(value)}>
      {(['category', 'place'] as const).map((choice) => (
        <ToggleButton key={choice} value={choice}>
          {label(`by.${choice}`)}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );

  return (
    <StatisticsSection title={label('title', { month })} testId="hotspots-table" query={query} action={toggle}>
      <Stack spacing={1}>
        {settings && (
          <Typography variant="body2" color="text.secondary">
            {label('method', { minCount: settings.minCount, sigma: settings.sigmaFactor })}
          </Typography>
        )}
        <TableContainer sx={{ maxHeight: 420 }}>
          <Table size="small" stickyHeader>
            <TableHead>
              <TableRow>
                <TableCell>{label('name')}</TableCell>
                <TableCell>{label('kindLabel')}</TableCell>
                <TableCell align="right">{label('current')}</TableCell>
                <TableCell align="right">{label('baselineMean', { months: settings?.baselineMonths ?? '' })}</TableCell>
                <TableCell align="right">{label('ratio')}</TableCell>
                <TableCell align="right">{label('zScore')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {query.data?.rows.length === 0 && (
                <TableRow>
                  <TableCell colSpan={7}>{translate('hotline.statistics.noData')}</TableCell>
                </TableRow>
              )}
              {query.data?.rows.map((row) => (
                <TableRow key={row.key} data-testid={`hotspot-row-${row.key}`}>
                  <TableCell component="th" scope="row">
                    {row.name}
                  </TableCell>
                  <TableCell>{label(`kind.${row.kind}`)}</TableCell>
                  <TableCell align="right">{row.current}</TableCell>
                  <TableCell align="right">{format.number(row.baselineMean)}</TableCell>
                  <TableCell align="right">{format.number(row.ratio)}</TableCell>
                  <TableCell align="right">{format.number(row.zScore)}</TableCell>
                  <TableCell>{row.flagged && <Chip size="small" color="error" label={label('flagged')} />}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </Stack>
    </StatisticsSection>
  );
};
