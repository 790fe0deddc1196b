// The 话务统计 tab: the period's call-centre figures (GET /api/statistics/call-centre) as
// headline tiles, calls by hour of day and by day, and the operators' table, with downloads.
import { Box, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useTranslate } from 'react-admin';
import { useChartLocaleText } from '../charts/chartText';
import { ExportButtons } from '../ExportButtons';
import { useFormatters } from '../format';
import { dateRangeOf, type StatisticsPeriod } from '../period';
import { StatisticsSection } from '../StatisticsSection';
import { useStatistics } from '../useStatistics';
import { callCentrePath } from './paths';
import type { CallCentreResult, CallFigures } from './types';

const SERIES = ['offered', 'answered', 'abandoned'] as const;
const KPIS = ['offered', 'answered', 'answerRate', 'abandoned', 'avgWaitSec', 'avgTalkSec'] as const satisfies readonly (keyof CallFigures)[];

export const CallCentreTab = ({ period }: { period: StatisticsPeriod }) => {
  const translate = useTranslate();
  const format = useFormatters();
  const localeText = useChartLocaleText();
  const query = useStatistics<CallCentreResult>(callCentrePath(period));
  const label = (key: string, options?: Record<string, unknown>) => translate(`hotline.statistics.callCentre.${key}`, options);
  const seconds = (value: number | null) => (value === null ? '—' : label('seconds', { value: format.number(value) }));
  const kpiValue = (figures: CallFigures, key: (typeof KPIS)[number]) =>
    key === 'answerRate' ? format.percent(figures.answerRate) : key === 'avgWaitSec' || key === 'avgTalkSec' ? seconds(figures[key]) : format.number(figures[key]);
  const data = query.data;
  const { from, to } = dateRangeOf(period);
  const series = (rows: CallFigures[]) => SERIES.map((key) => ({ id: key, label: label(`series.${key}`), data: rows.map((row) => row[key]) }));

  return (
    <Stack spacing={2} data-testid="call-centre">
      <StatisticsSection title={label('title', { from, to })} testId="call-centre-kpis" query={query} height={96}>
        {data && (
          <Stack spacing={1}>
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: `repeat(${KPIS.length}, minmax(0, 1fr))` }}>
              {KPIS.map((key) => (
                <Paper key={key} variant="outlined" sx={{ p: 1.5 }} data-testid={`call-kpi-${key}`}>
                  <Typography variant="body2" color="text.secondary">
                    {label(`kpi.${key}`)}
                  </Typography>
                  <Typography variant="h5" component="p" data-testid={`call-kpi-${key}-value`}>
                    {kpiValue(data.totals, key)}
                  </Typography>
                </Paper>
              ))}
            </Box>
            <Typography variant="body2" color="text.secondary">
              {label('note', { received: data.totals.received, toVoicemail: data.totals.toVoicemail })}
            </Typography>
          </Stack>
        )}
      </StatisticsSection>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(2, minmax(0, 1fr))' }}>
        <StatisticsSection title={label('byHour')} testId="call-centre-by-hour" query={query} action={<ExportButtons pathOf={(f) => callCentrePath(period, f, 'hours')} fileName={`话务统计-按时段-${from}至${to}`} />}>
          {data && (
            <BarChart
              height={260}
              localeText={localeText}
              xAxis={[{ scaleType: 'band', data: data.byHour.map((row) => row.hour), valueFormatter: (hour: number) => label('hour', { hour }) }]}
              yAxis={[{ label: label('calls'), tickMinStep: 1 }]}
              series={series(data.byHour)}
            />
          )}
        </StatisticsSection>
        <StatisticsSection title={label('byDay')} testId="call-centre-by-day" query={query} action={<ExportButtons pathOf={(f) => callCentrePath(period, f, 'days')} fileName={`话务统计-按日-${from}至${to}`} />}>
          {data && (
            <BarChart
              height={260}
              localeText={localeText}
              xAxis={[{ scaleType: 'band', data: data.byDay.map((row) => row.date), valueFormatter: (day: string) => day.slice(5) }]}
              yAxis={[{ label: label('calls'), tickMinStep: 1 }]}
              series={series(data.byDay)}
            />
          )}
        </StatisticsSection>
      </Box>
      <StatisticsSection title={label('operators')} testId="call-centre-operators" query={query} action={<ExportButtons pathOf={(f) => callCentrePath(period, f, 'operators')} fileName={`话务员-${from}至${to}`} />}>
        <TableContainer sx={{ maxHeight: 420 }}>
          <Table size="small" stickyHeader>
            <TableHead>
              <TableRow>
                <TableCell>{label('operator')}</TableCell>
                <TableCell align="right">{label('callsTaken')}</TableCell>
                <TableCell align="right">{label('casesRegistered')}</TableCell>
                <TableCell align="right">{label('callsWithCase')}</TableCell>
                <TableCell align="right">{label('avgTalkSec')}</TableCell>
                <TableCell align="right">{label('avgHandlingSec')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data?.operators.length === 0 && (
                <TableRow>
                  <TableCell colSpan={6}>{translate('hotline.statistics.noData')}</TableCell>
                </TableRow>
              )}
              {data?.operators.map((row) => (
                <TableRow key={row.userId} data-testid={`operator-row-${row.username}`}>
                  <TableCell component="th" scope="row">
                    {row.displayName}
                  </TableCell>
                  <TableCell align="right">{row.callsTaken}</TableCell>
                  <TableCell align="right">{row.casesRegistered}</TableCell>
                  <TableCell align="right">{row.callsWithCase}</TableCell>
                  <TableCell align="right">{format.number(row.avgTalkSec)}</TableCell>
                  <TableCell align="right">{format.number(row.avgHandlingSec)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </StatisticsSection>
    </Stack>
  );
};
