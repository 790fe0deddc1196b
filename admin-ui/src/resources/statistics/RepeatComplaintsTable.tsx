import { Link, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { repeatComplaintsPath } from './paths';
import { dateRangeOf, shanghaiDate, type StatisticsPeriod } from './period';
import { StatisticsSection } from './StatisticsSection';
import type { RepeatComplaintReport, RepeatGroup } from './types';
import { useStatistics } from './useStatistics';

/** The densest groups listed; the total still counts every group of the period. */
const GROUPS_LISTED = 50;
const CASES_LINKED = 5;

const CaseLinks = ({ group }: { group: RepeatGroup }) => {
  const translate = useTranslate();
  const hidden = group.caseCount - Math.min(group.cases.length, CASES_LINKED);
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {group.cases.slice(0, CASES_LINKED).map((item) => (
        <Link key={item.id} component={RouterLink} to={`/cases/${item.id}/show`} title={item.title}>
          {item.id}
        </Link>
      ))}
      {hidden > 0 && <Typography variant="body2">{translate('hotline.statistics.repeat.more', { count: group.caseCount })}</Typography>}
    </Stack>
  );
};

/** The same citizen, or the same place and category, again and again within the window. */
export const RepeatComplaintsTable = ({ period }: { period: StatisticsPeriod }) => {
  const translate = useTranslate();
  const query = useStatistics<RepeatComplaintReport>(repeatComplaintsPath(period, GROUPS_LISTED));
  const label = (key: string, options?: Record<string, unknown>) => translate(`hotline.statistics.repeat.${key}`, options);
  const settings = query.data?.settings;
  const day = (instant: string) => shanghaiDate(new Date(instant));

  return (
    <StatisticsSection title={label('title', dateRangeOf(period))} testId="repeat-complaints-table" query={query}>
      <Stack spacing={1}>
        {query.data && settings && (
          <Typography variant="body2" color="text.secondary">
            {label('total', { total: query.data.totalGroups, min: settings.minCases, days: settings.windowDays })}
          </Typography>
        )}
        <TableContainer sx={{ maxHeight: 420 }}>
          <Table size="small" stickyHeader>
            <TableHead>
              <TableRow>
                <TableCell>{label('label')}</TableCell>
                <TableCell>{label('kindLabel')}</TableCell>
                <TableCell align="right">{label('caseCount')}</TableCell>
                <TableCell align="right">{label('maxInWindow', { days: settings?.windowDays ?? '' })}</TableCell>
                <TableCell>{label('window')}</TableCell>
                <TableCell>{label('cases')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {query.data?.groups.length === 0 && (
                <TableRow>
                  <TableCell colSpan={6}>{translate('hotline.statistics.noData')}</TableCell>
                </TableRow>
              )}
              {query.data?.groups.map((group) => (
                <TableRow key={group.groupId}>
                  <TableCell component="th" scope="row">
                    {group.label}
                  </TableCell>
                  <TableCell>{label(`kind.${group.kind}`)}</TableCell>
                  <TableCell align="right">{group.caseCount}</TableCell>
                  <TableCell align="right">{group.maxInWindow}</TableCell>
                  <TableCell>{`${day(group.windowStart)} – ${day(group.windowEnd)}`}</TableCell>
                  <TableCell>
                    <CaseLinks group={group} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </Stack>
    </StatisticsSection>
  );
};
