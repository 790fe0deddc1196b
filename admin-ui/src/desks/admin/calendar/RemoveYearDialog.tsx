// Remove the first or last covered year (one added by mistake, or apart from the others), with
// the reason; the server refuses any other year, so the calendar stays one unbroken range.
import { Button, Typography } from '@mui/material';
import { useState } from 'react';
import { TextInput, useDataProvider, useNotify, useTranslate } from 'react-admin';
import { requiredText } from '../../../shell/forms/fieldRules';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';
import { FormDialog } from '../../../shell/forms/FormDialog';
import { useApiSubmit } from '../../../shell/forms/useApiSubmit';
import { useCalendarChanged } from './useCalendarYear';

export const RemoveYearButton = ({ year }: { year: number }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const notify = useNotify();
  const changed = useCalendarChanged();
  const [open, setOpen] = useState(false);
  const save = useApiSubmit(
    (values) => dataProvider.sendJson<{ days: number }>(`/api/calendar/years/${year}`, { reason: values.reason }, 'DELETE'),
    (result) => {
      changed();
      notify('hotline.admin.calendar.removed', { type: 'info', messageArgs: { year, days: result.days } });
      setOpen(false);
    },
  );
  return (
    <>
      <Button variant="outlined" color="error" onClick={() => setOpen(true)} data-testid="remove-year">
        {translate('hotline.admin.calendar.removeYear', { year })}
      </Button>
      <FormDialog open={open} onClose={() => setOpen(false)} title={translate('hotline.admin.calendar.removeYear', { year })} save={save} maxWidth="xs">
        <Typography variant="body2" sx={{ mb: 1 }}>{translate('hotline.admin.calendar.removeYearHelp', { year })}</Typography>
        <TextInput source="reason" label="hotline.admin.fields.reason" validate={requiredText(500)} multiline fullWidth autoFocus />
      </FormDialog>
    </>
  );
};
