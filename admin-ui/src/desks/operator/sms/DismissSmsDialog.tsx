// Dismisses an SMS that is no case (spam, a thank-you …), with the reason the audit keeps.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useState } from 'react';
import { Form, TextInput, useDataProvider, useRefresh, useTranslate } from 'react-admin';
import { requiredText } from '../../../shell/forms/fieldRules';
import type { FieldValues } from 'react-hook-form';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';
import { apiRefusalOf } from '../../../shell/providers/apiRefusal';
import type { SmsDraft } from '../types';

export const DismissSmsDialog = ({ draft, onClose }: { draft: SmsDraft; onClose: () => void }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const refresh = useRefresh();
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (values: FieldValues) => {
    setFailure(null);
    try {
      await dataProvider.sendJson(`/api/telephony/sms-drafts/${encodeURIComponent(draft.id)}/dismiss`, { reason: values.reason });
      refresh();
      onClose();
      return undefined;
    } catch (error) {
      const fields = apiRefusalOf(error).fields;
      setFailure(error instanceof Error ? error.message : String(error));
      return fields;
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="dismiss-sms-title">
      <Form onSubmit={submit} noValidate id="dismiss-sms-form">
        <DialogTitle id="dismiss-sms-title">{translate('hotline.operator.sms.dismissTitle')}</DialogTitle>
        <DialogContent>
          {failure !== null && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{failure}</Alert>}
          <TextInput source="reason" label="hotline.operator.sms.dismissReason" validate={requiredText(500)} autoFocus fullWidth />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('hotline.operator.sms.cancel')}</Button>
          <Button type="submit" variant="contained" color="warning" data-testid="dismiss-sms-submit">{translate('hotline.operator.sms.dismiss')}</Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
};
