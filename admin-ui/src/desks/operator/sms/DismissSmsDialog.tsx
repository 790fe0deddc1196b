// Dismisses an SMS that is no case (spam, a thank-you …), with the reason the audit keeps.
import { Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { Form, TextInput, useDataProvider, useRefresh, useTranslate } from 'react-admin';
import { requiredText } from '../../../shell/forms/fieldRules';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';
import { RefusalAlert } from '../../../shell/forms/RefusalAlert';
import { useApiSubmit } from '../../../shell/forms/useApiSubmit';
import type { SmsDraft } from '../types';

export const DismissSmsDialog = ({ draft, onClose }: { draft: SmsDraft; onClose: () => void }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const refresh = useRefresh();
  const save = useApiSubmit(
    (values) => dataProvider.sendJson(`/api/telephony/sms-drafts/${encodeURIComponent(draft.id)}/dismiss`, { reason: values.reason }),
    () => {
      refresh();
      onClose();
    },
  );

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="dismiss-sms-title">
      <Form onSubmit={save.submit} noValidate id="dismiss-sms-form">
        <DialogTitle id="dismiss-sms-title">{translate('hotline.operator.sms.dismissTitle')}</DialogTitle>
        <DialogContent>
          <RefusalAlert refusal={save.refusal} />
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
