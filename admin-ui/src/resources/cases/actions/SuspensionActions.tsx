// 挂起 / 恢复: the office (dispatchers, supervisors) and the lead unit's leader stop a case's clocks
// while it waits for the citizen's materials, a court or force majeure, and start them again.
// Shared by the office's and the units' desks; whether the user may (and beyond which total only
// a supervisor) is the workflow's answer, shown above the form when it refuses.
import PauseCircleIcon from '@mui/icons-material/PauseCircle';
import PlayCircleIcon from '@mui/icons-material/PlayCircle';
import { Alert } from '@mui/material';
import { maxLength, maxValue, minValue, NumberInput, number, required, SelectInput, TextInput, useTranslate } from 'react-admin';
import { requiredText } from '../../../shell/forms/fieldRules';
import type { FieldValues } from 'react-hook-form';
import { CommandDialog } from './CommandDialog';
import type { CaseRecord } from '../types';

const REASON_KINDS = ['citizenMaterials', 'litigation', 'forceMajeure', 'other'] as const;
const field = (name: string) => `hotline.case.suspension.fields.${name}`;
const trimmed = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

export const SuspendAction = ({ record }: { record: CaseRecord }) => {
  const translate = useTranslate();
  const reasonKinds = REASON_KINDS.map((id) => ({ id, name: translate(`hotline.case.suspension.reasonKind.${id}`) }));
  return (
    <CommandDialog
      caseId={record.id}
      command="suspend"
      label="hotline.case.suspension.actions.suspend"
      icon={<PauseCircleIcon />}
      color="warning"
      defaultValues={{ reasonKind: 'citizenMaterials', workingDays: 5 }}
      toBody={(values: FieldValues) => ({ reasonKind: values.reasonKind, reason: trimmed(values.reason), workingDays: values.workingDays })}
    >
      <Alert severity="info" sx={{ mb: 2 }}>{translate('hotline.case.suspension.hint')}</Alert>
      <SelectInput source="reasonKind" label={field('reasonKind')} choices={reasonKinds} validate={required()} fullWidth />
      <TextInput source="reason" label={field('reason')} multiline minRows={2} fullWidth validate={requiredText(2000)} />
      <NumberInput
        source="workingDays"
        label={field('workingDays')}
        min={1}
        max={120}
        step={1}
        validate={[required(), number(), minValue(1), maxValue(120)]}
        helperText="hotline.case.suspension.workingDaysHint"
        fullWidth
      />
    </CommandDialog>
  );
};

export const ResumeAction = ({ record }: { record: CaseRecord }) => {
  const translate = useTranslate();
  return (
    <CommandDialog
      caseId={record.id}
      command="resume"
      label="hotline.case.suspension.actions.resume"
      icon={<PlayCircleIcon />}
      color="success"
      toBody={(values: FieldValues) => ({ reason: trimmed(values.reason) })}
    >
      <Alert severity="info" sx={{ mb: 2 }}>{translate('hotline.case.suspension.resumeHint')}</Alert>
      <TextInput source="reason" label={field('resumeNote')} multiline minRows={2} fullWidth validate={maxLength(2000)} />
    </CommandDialog>
  );
};
