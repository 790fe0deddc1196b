// /sms-drafts: every SMS waiting to be registered or dismissed.
import { Card, CardContent, CardHeader } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { SmsDraftsTable } from './SmsDraftsTable';

export const SmsDraftsPage = () => {
  const translate = useTranslate();
  return (
    <Card>
      <Title title={translate('hotline.operator.sms.title')} />
      <CardHeader title={translate('hotline.operator.sms.title')} slotProps={{ title: { variant: 'h6', component: 'h1' } }} />
      <CardContent>
        <SmsDraftsTable />
      </CardContent>
    </Card>
  );
};
