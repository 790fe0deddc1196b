import InsightsIcon from '@mui/icons-material/Insights';
import { Button } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { KpiTiles } from './KpiTiles';
import { summaryPath } from './paths';
import { thisMonth } from './period';
import { StatisticsSection } from './StatisticsSection';
import type { SummaryResult } from './types';
import { useStatistics } from './useStatistics';

/** This month's headline figures for a home page, linking to the dashboard. */
export const StatisticsSummaryCard = () => {
  const translate = useTranslate();
  const summary = useStatistics<SummaryResult>(summaryPath(thisMonth()));
  return (
    <StatisticsSection
      title={translate('hotline.statistics.summaryCard.title')}
      testId="statistics-summary-card"
      query={summary}
      height={88}
      action={
        <Button component={Link} to="/statistics" size="small" startIcon={<InsightsIcon />}>
          {translate('hotline.statistics.summaryCard.open')}
        </Button>
      }
    >
      {summary.data && <KpiTiles summary={summary.data} compact />}
    </StatisticsSection>
  );
};
