// Change one day: working day ↔ day off, with a name (e.g. 国庆节) and the reason (required).
import { Typography } from '@mui/material';
import { BooleanInput, maxLength, required, TextInput, useDataProvider, useNotify, useTranslate } from 'react-admin';
import { requiredText } from '../../../shell/forms/fieldRules';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';
import { FormDialog } from '../../../shell/forms/FormDialog';
import { useApiSubmit } from '../../../shell/forms/useApiSubmit';
import type { RulesBroadcastAnswer } from '../../../../../api/rulesBroadcast/request';
import { useRulesBroadcastRequested } from '../shared/RulesBroadcastStatus';
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
  const broadcastRequested = useRulesBroadcastRequested();
  const save = useApiSubmit(
    (values) =>
      dataProvider.sendJson<{ rulesBroadcast: RulesBroadcastAnswer }>(
        `/api/calendar/${day?.date ?? ''}`,
        { isWorkingDay: values.isWorkingDay === true, name: typeof values.name === 'string' && values.name.trim() !== '' ? values.name.trim() : null, reason: values.reason },
        'PUT',
      ),
    (result) => {
      changed();
      broadcastRequested();
      const told = result.rulesBroadcast.status !== 'unreachable';
      notify(told ? 'hotline.admin.calendar.saved' : 'hotline.admin.calendar.savedNotTold', { type: told ? 'info' : 'warning' });
      onClose();
    },
  );
  // Keyed by the day, so that the form starts from the day picked.
  return day === null ? null : (
    <FormDialog key={day.date} open onClose={onClose} title={day.date} save={save} defaultValues={{ isWorkingDay: !day.isWorkingDay, name: day.name ?? '' }} submitLabel="ra.action.save" maxWidth="xs">
      <Typography variant="body2" sx={{ mb: 1 }}>
        {translate('hotline.admin.calendar.currently', { kind: translate(`hotline.admin.calendar.kind.${day.kind}`) })}
      </Typography>
      <BooleanInput source="isWorkingDay" label="hotline.admin.calendar.isWorkingDay" />
      <TextInput source="name" label="hotline.admin.calendar.dayName" validate={maxLength(50)} fullWidth />
      <TextInput source="reason" label="hotline.admin.fields.reason" validate={requiredText(500)} multiline fullWidth autoFocus />
    </FormDialog>
  );
};
