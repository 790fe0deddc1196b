// /missed-calls: every call waiting for a call-back.
import { Card, CardContent, CardHeader } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { MissedCallsTable } from './MissedCallsTable';

export const MissedCallsPage = () => {
  const translate = useTranslate();
  return (
    <Card>
      <Title title={translate('hotline.operator.calls.title')} />
      <CardHeader title={translate('hotline.operator.calls.title')} slotProps={{ title: { variant: 'h6', component: 'h1' } }} />
      <CardContent>
        <MissedCallsTable />
      </CardContent>
    </Card>
  );
};
