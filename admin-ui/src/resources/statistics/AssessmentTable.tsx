import { Chip, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { ExportButtons } from './ExportButtons';
import { useFormatters } from './format';
import { assessmentPath } from './paths';
import { monthOf, type StatisticsPeriod } from './period';
import { StatisticsSection } from './StatisticsSection';
import type { AssessmentResult, ScoreComparison } from './types';
import { useStatistics } from './useStatistics';

/** A score change in points, and relative to that score. */
const ChangeCell = ({ comparison }: { comparison: ScoreComparison | null }) => {
  const format = useFormatters();
  if (comparison === null || comparison.change === null) return <TableCell align="right">—</TableCell>;
  const color = comparison.change > 0 ? 'success.main' : comparison.change < 0 ? 'error.main' : 'text.secondary';
  return (
    <TableCell align="right" sx={{ color }}>
      {`${format.signed(comparison.change)} (${format.signedPercent(comparison.relativeChange)})`}
    </TableCell>
  );
};

/** The month's units ranked by composite score, with 环比 and 同比. */
export const AssessmentTable = ({ period }: { period: StatisticsPeriod }) => {
  const translate = useTranslate();
  const format = useFormatters();
  const month = monthOf(period);
  const query = useStatistics<AssessmentResult>(assessmentPath(period));
  const label = (key: string) => translate(`hotline.statistics.assessment.${key}`);
  const weights = query.data?.weights;
  const targets = query.data?.targets ?? [];
  const indicatorName = (indicator: string) => translate(`hotline.statistics.indicator.${indicator}`);

  return (
    <StatisticsSection
      title={translate('hotline.statistics.assessment.title', { month })}
      testId="assessment-table"
      query={query}
      action={<ExportButtons pathOf={(fileFormat) => assessmentPath(period, fileFormat)} fileName={translate('hotline.statistics.assessment.title', { month })} />}
    >
      {weights && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('hotline.statistics.assessment.weights', { work: format.percent(weights.workPerformance), citizen: format.percent(weights.citizenEvaluation) })}
        </Typography>
      )}
      {targets.length > 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="assessment-targets">
          {translate('hotline.statistics.assessment.targets', {
            targets: targets.map((t) => `${indicatorName(t.indicator)} ${t.comparison === 'atLeast' ? '≥' : '≤'} ${format.percent(t.value)}`).join('；'),
          })}
        </Typography>
      )}
      <TableContainer>
        <Table size="small">
          <TableHead>
            <TableRow>
              {['rank', 'unit'].map((key) => (
                <TableCell key={key}>{label(key)}</TableCell>
              ))}
              {['workPerformance', 'citizenEvaluation', 'score', 'previous', 'lastYear', 'missedTargets'].map((key) => (
                <TableCell key={key} align="right">
                  {label(key)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {query.data?.rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={8}>{translate('hotline.statistics.noData')}</TableCell>
              </TableRow>
            )}
            {query.data?.rows.map((row) => (
              <TableRow key={row.unitId} data-testid={`assessment-row-${row.unitId}`}>
                <TableCell data-testid="assessment-rank">{row.rank === null ? <Chip size="small" variant="outlined" label={label('unranked')} /> : row.rank}</TableCell>
                <TableCell component="th" scope="row">
                  {row.unitName}
                </TableCell>
                <TableCell align="right">{format.number(row.workPerformance)}</TableCell>
                <TableCell align="right">{format.number(row.citizenEvaluation)}</TableCell>
                <TableCell align="right" sx={{ fontWeight: 'bold' }} data-testid="assessment-score">
                  {format.number(row.score)}
                </TableCell>
                <ChangeCell comparison={row.previous} />
                <ChangeCell comparison={row.lastYear} />
                <TableCell align="right" data-testid="assessment-missed-targets">
                  {row.missedTargets.map((indicator) => (
                    <Chip key={indicator} size="small" color="error" variant="outlined" label={indicatorName(indicator)} sx={{ ml: 0.5 }} />
                  ))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </StatisticsSection>
  );
};
