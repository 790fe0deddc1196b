// 派单: the case goes to one lead unit and any assisting units, the category's unit suggested, by
// the system, by phone (电话交办) or in writing (书面交办): the mode's policies set the time limits.
import SendIcon from '@mui/icons-material/Send';
import { maxLength, RadioButtonGroupInput, TextInput, useGetOne } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { CommandDialog } from '../../resources/cases/actions/CommandDialog';
import type { CaseRecord } from '../../resources/cases/types';
import { UnitTreePicker } from './UnitTreePicker';

interface CategoryRecord {
  id: string;
  defaultUnitId: string | null;
}

/** The unit a dispatcher is offered first for the case's category. */
export const useSuggestedUnit = (record: CaseRecord): string | null => {
  const { data } = useGetOne<CategoryRecord>('categories', { id: record.categoryId ?? '' }, { enabled: record.categoryId !== null });
  return data?.defaultUnitId ?? null;
};

const toBody = (values: FieldValues) => ({
  leadUnitId: values.leadUnitId,
  assistUnitIds: values.assistUnitIds ?? [],
  instructions: typeof values.instructions === 'string' && values.instructions.trim() !== '' ? values.instructions : undefined,
  mode: values.mode ?? 'system',
});

const MODES = [
  { id: 'system', name: 'hotline.dispatch.choices.modeSystem' },
  { id: 'phone', name: 'hotline.dispatch.choices.modePhone' },
  { id: 'written', name: 'hotline.dispatch.choices.modeWritten' },
];

export const DispatchAction = ({ record }: { record: CaseRecord }) => {
  const suggested = useSuggestedUnit(record);
  return (
    <CommandDialog
      caseId={record.id}
      command="dispatch"
      label="hotline.dispatch.actions.dispatch"
      icon={<SendIcon />}
      color="primary"
      toBody={toBody}
      defaultValues={{ mode: 'system' }}
    >
      <RadioButtonGroupInput source="mode" label="hotline.dispatch.fields.mode" choices={MODES} row />
      <UnitTreePicker leadSource="leadUnitId" assistsSource="assistUnitIds" suggestedUnitId={suggested} preselectSuggested />
      <TextInput source="instructions" label="hotline.dispatch.fields.instructions" multiline minRows={2} fullWidth validate={maxLength(2000)} sx={{ mt: 2 }} />
    </CommandDialog>
  );
};
