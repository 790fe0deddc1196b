import { Alert, Card, CardContent, CardHeader, Skeleton } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

export interface StatisticsSectionProps {
  title: ReactNode;
  testId: string;
  /** The query behind the section: a skeleton while pending, its message on error. */
  query: { isPending: boolean; error: Error | null };
  action?: ReactNode;
  height?: number;
  children: ReactNode;
}

/** A titled card around one figure or table of the statistics pages. */
export const StatisticsSection = ({ title, testId, query, action, height = 240, children }: StatisticsSectionProps) => {
  const translate = useTranslate();
  return (
    <Card data-testid={testId} sx={{ height: '100%' }}>
      <CardHeader title={title} action={action} slotProps={{ title: { variant: 'subtitle1', component: 'h2' } }} sx={{ pb: 0 }} />
      <CardContent>
        {query.error !== null ? (
          <Alert severity="error">{`${translate('hotline.statistics.loadError')}: ${query.error.message}`}</Alert>
        ) : query.isPending ? (
          <Skeleton variant="rounded" height={height} />
        ) : (
          children
        )}
      </CardContent>
    </Card>
  );
};
