import { Box, Stack, Tab, Tabs } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { Title, useTranslate } from 'react-admin';
import { hasAnyRole, useRoles, type Role } from '../../shell/access/roles';
import { OFFICE_STATISTICS_ROLES, STATISTICS_ROLES } from './access';
import { AssessmentTable } from './AssessmentTable';
import { CallCentreTab } from './callCentre/CallCentreTab';
import { HotspotsTable } from './HotspotsTable';
import { IndicatorsTable } from './IndicatorsTable';
import { MonthlyReportButton } from './MonthlyReportButton';
import { monthOf, type StatisticsPeriod } from './period';
import { PeriodPicker } from './PeriodPicker';
import { RepeatComplaintsTable } from './RepeatComplaintsTable';
import { StatisticsOverview } from './StatisticsOverview';
import { usePeriod } from './usePeriod';

interface StatisticsTab {
  key: string;
  roles: readonly Role[];
  render: (period: StatisticsPeriod) => ReactNode;
}

const TABS: StatisticsTab[] = [
  { key: 'overview', roles: STATISTICS_ROLES, render: (period) => <StatisticsOverview period={period} /> },
  { key: 'indicators', roles: STATISTICS_ROLES, render: (period) => <IndicatorsTable period={period} /> },
  { key: 'assessment', roles: STATISTICS_ROLES, render: (period) => <AssessmentTable period={period} /> },
  {
    key: 'hotspots',
    roles: OFFICE_STATISTICS_ROLES,
    render: (period) => (
      <Stack spacing={2}>
        <HotspotsTable period={period} />
        <RepeatComplaintsTable period={period} />
      </Stack>
    ),
  },
  { key: 'callCentre', roles: OFFICE_STATISTICS_ROLES, render: (period) => <CallCentreTab period={period} /> },
];

/** `/statistics`: the period, then the dashboard and the tables of what the role may read. */
export const StatisticsPage = () => {
  const translate = useTranslate();
  const roles = useRoles();
  const [period, setPeriod] = usePeriod();
  const tabs = TABS.filter((tab) => hasAnyRole(roles, tab.roles));
  const [selected, setSelected] = useState('overview');
  const current = tabs.find((tab) => tab.key === selected) ?? tabs[0];

  return (
    <Box sx={{ mt: 2, mb: 2 }}>
      <Title title="hotline.statistics.title" />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
        <PeriodPicker value={period} onChange={setPeriod} />
        <Box sx={{ flexGrow: 1 }} />
        {hasAnyRole(roles, OFFICE_STATISTICS_ROLES) && <MonthlyReportButton month={monthOf(period)} />}
      </Stack>
      <Tabs value={current?.key ?? false} onChange={(_event, key: string) => setSelected(key)} sx={{ mb: 2 }}>
        {tabs.map((tab) => (
          <Tab key={tab.key} value={tab.key} label={translate(`hotline.statistics.tabs.${tab.key}`)} data-testid={`statistics-tab-${tab.key}`} />
        ))}
      </Tabs>
      {current?.render(period)}
    </Box>
  );
};
