// The admin's home: is the system well (stuck cases, calendar coverage, status card), what waits for review,
// and the way to each admin screen.
import { Badge, Button, Card, CardContent, CardHeader, Stack } from '@mui/material';
import { Link } from 'react-router-dom';
import { useGetList, useTranslate } from 'react-admin';
import { StuckCasesBanner } from '../../../resources/stuckCases';
import { SystemStatusCard } from '../../../resources/system';
import { CoverageWarning } from '../calendar/CoverageWarning';
import { adminMenu } from '../menu';

const ARTICLES_IN_REVIEW = `/knowledge?filter=${encodeURIComponent(JSON.stringify({ status: 'inReview' }))}`;

const Shortcuts = () => {
  const translate = useTranslate();
  const { total } = useGetList('knowledge', { pagination: { page: 1, perPage: 1 }, filter: { status: 'inReview' } });
  return (
    <Card data-testid="admin-shortcuts">
      <CardHeader title={translate('hotline.admin.home.shortcuts')} slotProps={{ title: { variant: 'subtitle1', component: 'h2' } }} />
      <CardContent>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          <Badge badgeContent={total ?? 0} color="warning">
            <Button variant="contained" component={Link} to={ARTICLES_IN_REVIEW}>
              {translate('hotline.admin.home.articlesToReview')}
            </Button>
          </Badge>
          {adminMenu.map((entry) => (
            <Button key={entry.to} variant="outlined" component={Link} to={entry.to} startIcon={entry.icon}>
              {translate(entry.label)}
            </Button>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
};

export const AdminHome = () => (
  <Stack spacing={2}>
    <StuckCasesBanner />
    <CoverageWarning withLink />
    <Shortcuts />
    <SystemStatusCard />
  </Stack>
);
