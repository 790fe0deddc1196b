// Deactivate (or reactivate) a record with a reason: `PUT {active, reason}`. The API refuses
// with its reason (active children, in use, self lockout …), shown in the dialog.
import { Button } from '@mui/material';
import { useState } from 'react';
import { TextInput, useNotify, useRecordContext, useRefresh, useResourceContext, useTranslate, useUpdate, type RaRecord } from 'react-admin';
import { FormDialog } from '../../../shell/forms/FormDialog';
import { useApiSubmit } from '../../../shell/forms/useApiSubmit';
import { reasonRule } from '../../../shell/forms/fieldRules';

export const ActiveToggle = () => {
  const translate = useTranslate();
  const resource = useResourceContext() ?? '';
  const record = useRecordContext<RaRecord & { active: boolean }>();
  const [update] = useUpdate<RaRecord>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const save = useApiSubmit(
    (values) => update(resource, { id: record?.id ?? '', data: { active: !record?.active, reason: values.reason || null }, previousData: record }, { mutationMode: 'pessimistic', returnPromise: true }),
    () => {
      setOpen(false);
      notify('ra.notification.updated', { type: 'info', messageArgs: { smart_count: 1 } });
      refresh();
    },
  );
  if (!record) return null;
  const label = record.active ? 'hotline.admin.action.deactivate' : 'hotline.admin.action.reactivate';
  return (
    <>
      <Button color={record.active ? 'error' : 'primary'} variant="outlined" onClick={() => setOpen(true)} data-testid="toggle-active">
        {translate(label)}
      </Button>
      <FormDialog open={open} onClose={() => setOpen(false)} title={translate(label)} save={save}>
        <TextInput source="reason" label="hotline.admin.fields.reason" validate={reasonRule} multiline fullWidth autoFocus />
      </FormDialog>
    </>
  );
};
