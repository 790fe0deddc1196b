// The operator's home: a big "new case" button, the calls to return and SMS to register (with
// their counts, a few rows each), and the recently registered cases.
import AddIcCallIcon from '@mui/icons-material/AddIcCall';
import { Button, Card, CardContent, CardHeader, Chip, Stack } from '@mui/material';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import { CaseQueue } from '../../../resources/cases/CaseQueue';
import { MissedCallsTable } from '../calls/MissedCallsTable';
import { useMissedCalls } from '../calls/useMissedCalls';
import { SmsDraftsTable } from '../sms/SmsDraftsTable';
import { useSmsDrafts } from '../sms/useSmsDrafts';

const HOME_ROWS = 5;

const WorkCard = ({ name, title, total, to, children }: { name: string; title: string; total: number | undefined; to: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Card data-testid={`home-${name}`}>
      <CardHeader
        title={translate(title)}
        slotProps={{ title: { variant: 'subtitle1', component: 'h2' } }}
        action={
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Chip size="small" color={total ? 'warning' : 'default'} label={total ?? '…'} data-testid={`home-${name}-total`} />
            <Button component={Link} to={to} size="small">{translate('hotline.operator.home.viewAll')}</Button>
          </Stack>
        }
        sx={{ pb: 0 }}
      />
      <CardContent sx={{ pt: 0, '&:last-child': { pb: 1 } }}>{children}</CardContent>
    </Card>
  );
};

export const OperatorHome = () => {
  const translate = useTranslate();
  const calls = useMissedCalls(HOME_ROWS);
  const drafts = useSmsDrafts(HOME_ROWS);
  return (
    <Stack spacing={2}>
      <Button component={Link} to="/intake" variant="contained" size="large" startIcon={<AddIcCallIcon />} sx={{ py: 2, fontSize: '1.25rem', alignSelf: 'flex-start', px: 6 }} data-testid="home-new-case">
        {translate('hotline.operator.home.newCase')}
      </Button>
      <WorkCard name="missedCalls" title="hotline.operator.home.missedCalls" total={calls.total} to="/missed-calls">
        <MissedCallsTable perPage={HOME_ROWS} />
      </WorkCard>
      <WorkCard name="smsDrafts" title="hotline.operator.home.smsDrafts" total={drafts.total} to="/sms-drafts">
        <SmsDraftsTable perPage={HOME_ROWS} />
      </WorkCard>
      <CaseQueue name="recent" title="hotline.operator.home.recent" filter={{}} sort={{ field: 'registeredAt', order: 'DESC' }} />
    </Stack>
  );
};
