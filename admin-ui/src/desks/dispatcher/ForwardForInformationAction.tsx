// 转阅: the office gives units a case to read (seed 003: 需要有关部门知悉的，可转相关部门酌处).
// They owe no reply and run no clock; they find it in their list marked 转阅.
import ForwardToInboxIcon from '@mui/icons-material/ForwardToInbox';
import { Alert } from '@mui/material';
import { AutocompleteArrayInput, maxLength, ReferenceArrayInput, required, TextInput, useTranslate } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { CommandDialog } from '../../resources/cases/actions/CommandDialog';
import type { CaseRecord } from '../../resources/cases/types';

const toBody = (values: FieldValues) => ({
  unitIds: values.unitIds ?? [],
  note: typeof values.note === 'string' && values.note.trim() !== '' ? values.note : null,
});

export const ForwardForInformationAction = ({ record }: { record: CaseRecord }) => {
  const translate = useTranslate();
  return (
    <CommandDialog caseId={record.id} command="forwardForInformation" label="hotline.dispatch.actions.forwardForInformation" icon={<ForwardToInboxIcon />} color="secondary" toBody={toBody}>
      <Alert severity="info" sx={{ mb: 2 }}>{translate('hotline.dispatch.forward.hint')}</Alert>
      <ReferenceArrayInput source="unitIds" reference="units" perPage={200}>
        <AutocompleteArrayInput label="hotline.dispatch.fields.forwardUnits" optionText="name" validate={required()} fullWidth />
      </ReferenceArrayInput>
      <TextInput source="note" label="hotline.dispatch.fields.forwardNote" multiline minRows={2} fullWidth validate={maxLength(2000)} />
    </CommandDialog>
  );
};
