// Open a year chinese-days has no holiday notice for yet: every day Monday to Friday working,
// then the admin marks the notice's holidays and 调休 days one by one.
import { Button, Typography } from '@mui/material';
import { useState } from 'react';
import { TextInput, useDataProvider, useNotify, useTranslate } from 'react-admin';
import { requiredText } from '../../../shell/forms/fieldRules';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';
import { FormDialog } from '../../../shell/forms/FormDialog';
import { useApiSubmit } from '../../../shell/forms/useApiSubmit';
import { useCalendarChanged } from './useCalendarYear';

export const OpenYearButton = ({ year }: { year: number }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const notify = useNotify();
  const changed = useCalendarChanged();
  const [open, setOpen] = useState(false);
  const save = useApiSubmit(
    (values) => dataProvider.sendJson<{ days: number }>(`/api/calendar/years/${year}`, { reason: values.reason }),
    (result) => {
      changed();
      notify('hotline.admin.calendar.opened', { type: 'info', messageArgs: { year, days: result.days } });
      setOpen(false);
    },
  );
  return (
    <>
      <Button variant="contained" onClick={() => setOpen(true)} data-testid="open-year">
        {translate('hotline.admin.calendar.openYear', { year })}
      </Button>
      <FormDialog open={open} onClose={() => setOpen(false)} title={translate('hotline.admin.calendar.openYear', { year })} save={save} submitLabel="ra.action.save" maxWidth="xs">
        <Typography variant="body2" sx={{ mb: 1 }}>{translate('hotline.admin.calendar.openYearHelp', { year })}</Typography>
        <TextInput source="reason" label="hotline.admin.fields.reason" validate={requiredText(500)} multiline fullWidth autoFocus />
      </FormDialog>
    </>
  );
};
