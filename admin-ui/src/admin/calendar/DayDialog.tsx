// Change one day: working day ↔ day off, with a name (e.g. 国庆节) and the reason (required).
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { BooleanInput, Form, maxLength, required, SaveButton, TextInput, useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { HotlineDataProvider } from '../../providers/dataProvider';
import { RefusalAlert } from '../shared/RefusalAlert';
import { useApiSubmit } from '../shared/useApiSubmit';
import { useCalendarChanged, type CalendarDay } from './useCalendarYear';

interface DayDialogProps {
  day: CalendarDay | null;
  onClose: () => void;
}

export const DayDialog = ({ day, onClose }: DayDialogProps) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const notify = useNotify();
  const changed = useCalendarChanged();
  const save = useApiSubmit(
    (values) =>
      dataProvider.sendJson<{ casesTold: number | null }>(
        `/api/calendar/${day?.date ?? ''}`,
        { isWorkingDay: values.isWorkingDay === true, name: typeof values.name === 'string' && values.name.trim() !== '' ? values.name.trim() : null, reason: values.reason },
        'PUT',
      ),
    (result) => {
      changed();
      notify('hotline.admin.calendar.saved', { type: 'info', messageArgs: { cases: result.casesTold ?? '—' } });
      onClose();
    },
  );
  return (
    <Dialog open={day !== null} onClose={onClose} fullWidth maxWidth="xs">
      {day !== null && (
        <Form key={day.date} onSubmit={save.submit} defaultValues={{ isWorkingDay: !day.isWorkingDay, name: day.name ?? '' }} noValidate>
          <DialogTitle>{day.date}</DialogTitle>
          <DialogContent>
            <RefusalAlert refusal={save.refusal} />
            <Typography variant="body2" sx={{ mb: 1 }}>
              {translate('hotline.admin.calendar.currently', { kind: translate(`hotline.admin.calendar.kind.${day.kind}`) })}
            </Typography>
            <BooleanInput source="isWorkingDay" label="hotline.admin.calendar.isWorkingDay" />
            <TextInput source="name" label="hotline.admin.calendar.dayName" validate={maxLength(50)} fullWidth />
            <TextInput source="reason" label="hotline.admin.fields.reason" validate={[required(), maxLength(500)]} multiline fullWidth autoFocus />
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
            <SaveButton label="ra.action.save" icon={<></>} alwaysEnable />
          </DialogActions>
        </Form>
      )}
    </Dialog>
  );
};
