import { Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { useChannelName } from './charts/chartText';
import { ExportButtons } from './ExportButtons';
import { useFormatters } from './format';
import { indicatorsPath } from './paths';
import { dateRangeOf, type StatisticsPeriod } from './period';
import { StatisticsSection } from './StatisticsSection';
import { GROUP_BYS, INDICATOR_KEYS as COLUMNS, isRateIndicator as isRate, type GroupBy, type IndicatorResult, type IndicatorRow } from './types';
import { useStatistics } from './useStatistics';

/** The rule behind the 通报批评 column, as the API states it. */
const CriticismRuleNote = ({ rule }: { rule: IndicatorResult['criticismRule'] }) => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="indicators-criticism-rule">
      {rule.threshold === 0 ? translate('hotline.statistics.indicators.criticismRuleOff') : translate('hotline.statistics.indicators.criticismRule', { threshold: rule.threshold, deduction: rule.deduction })}
    </Typography>
  );
};

/** The indicators per unit, category or channel over the period, with CSV/XLSX downloads; a rate below its target is marked. */
export const IndicatorsTable = ({ period }: { period: StatisticsPeriod }) => {
  const translate = useTranslate();
  const format = useFormatters();
  const channelName = useChannelName();
  const [groupBy, setGroupBy] = useState<GroupBy>('unit');
  const query = useStatistics<IndicatorResult>(indicatorsPath(period, groupBy));
  const { from, to } = dateRangeOf(period);

  const nameOf = (row: IndicatorRow) =>
    groupBy === 'channel' ? channelName(row.key) : groupBy === 'category' && row.key === '' ? translate('hotline.statistics.indicators.uncategorised') : row.name;

  const actions = (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
      <ToggleButtonGroup size="small" exclusive value={groupBy} onChange={(_event, value: GroupBy | null) => value !== null && setGroupBy(value)}>
        {GROUP_BYS.map((choice) => (
          <ToggleButton key={choice} value={choice} data-testid={`indicators-by-${choice}`}>
            {translate(`hotline.statistics.indicators.groupBy.${choice}`)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <ExportButtons
        pathOf={(fileFormat) => indicatorsPath(period, groupBy, fileFormat)}
        fileName={translate('hotline.statistics.indicators.fileName', { groupBy: translate(`hotline.statistics.indicators.groupBy.${groupBy}`), from, to })}
      />
    </Stack>
  );

  return (
    <StatisticsSection title={translate('hotline.statistics.indicators.title')} testId="indicators-table" query={query} action={actions}>
      {query.data?.criticismRule && <CriticismRuleNote rule={query.data.criticismRule} />}
      <TableContainer sx={{ overflowX: 'auto' }}>
        {/* Fifteen columns on a 1366 px screen: narrow padding, names on one line. */}
        <Table size="small" sx={{ '& .MuiTableCell-root': { px: 0.75 } }}>
          <TableHead>
            <TableRow>
              <TableCell>{translate(`hotline.statistics.indicators.name.${groupBy}`)}</TableCell>
              {COLUMNS.map((column) => (
                <TableCell key={column} align="right">
                  {translate(`hotline.statistics.indicator.${column}`)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {query.data?.rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={COLUMNS.length + 1}>{translate('hotline.statistics.noData')}</TableCell>
              </TableRow>
            )}
            {query.data?.rows.map((row) => (
              <TableRow key={row.key} data-testid={`indicators-row-${row.key}`}>
                <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap' }}>
                  {nameOf(row)}
                </TableCell>
                {COLUMNS.map((column) => {
                  const target = isRate(column) && row.missedTargets.includes(column) ? query.data?.targets.find((t) => t.indicator === column) : undefined;
                  return (
                    <TableCell
                      key={column}
                      align="right"
                      sx={target ? { color: 'error.main', fontWeight: 'bold' } : undefined}
                      title={target ? translate('hotline.statistics.indicators.missedTarget', { target: `${target.comparison === 'atLeast' ? '≥' : '≤'} ${format.percent(target.value)}` }) : undefined}
                      data-missed-target={target ? 'true' : undefined}
                    >
                      {isRate(column) ? format.percent(row[column]) : format.number(row[column])}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </StatisticsSection>
  );
};
