// Reset a user's password (POST /api/users/:id/password): revokes their sessions and unlocks.
import { Button } from '@mui/material';
import { useState } from 'react';
import { PasswordInput, TextInput, useDataProvider, useNotify, useRecordContext, useTranslate } from 'react-admin';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';
import { FormDialog } from '../../../shell/forms/FormDialog';
import { useApiSubmit } from '../../../shell/forms/useApiSubmit';
import { reasonRule } from '../../../shell/forms/fieldRules';
import { passwordRule } from './passwordRule';

export const PasswordReset = () => {
  const translate = useTranslate();
  const record = useRecordContext<{ id: string; username: string }>();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const save = useApiSubmit(
    (values) => dataProvider.sendJson(`/api/users/${encodeURIComponent(record?.id ?? '')}/password`, { password: values.password, reason: values.reason || null }),
    () => {
      setOpen(false);
      notify('hotline.admin.user.passwordReset', { type: 'info' });
    },
  );
  if (!record) return null;
  return (
    <>
      <Button variant="outlined" onClick={() => setOpen(true)} data-testid="reset-password">
        {translate('hotline.admin.user.resetPassword')}
      </Button>
      <FormDialog open={open} onClose={() => setOpen(false)} title={translate('hotline.admin.user.resetPassword')} save={save} defaultValues={{ username: record.username }}>
        <PasswordInput source="password" label="hotline.admin.user.fields.password" validate={passwordRule} fullWidth autoFocus />
        <TextInput source="reason" label="hotline.admin.fields.reason" validate={reasonRule} multiline fullWidth />
      </FormDialog>
    </>
  );
};
