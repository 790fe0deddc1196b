// 重新分类: the office corrects a case's type, category or urgency before the unit's result goes
// up (a consultation that turns out to be a report). The form starts from the case's own
// profile; the deadlines are recomputed by the case's workflow, and the lead unit is told.
import CategoryIcon from '@mui/icons-material/Category';
import { Alert } from '@mui/material';
import { required, SelectInput, TextInput, useTranslate, type Validator } from 'react-admin';
import { requiredText } from '../../shell/forms/fieldRules';
import type { FieldValues } from 'react-hook-form';
import { CommandDialog } from '../../resources/cases/actions/CommandDialog';
import { PickerInput } from '../../resources/cases/inputs/PickerInput';
import { useCaseTypeChoices, useCategoryChoices } from '../../resources/cases/inputs/profileChoices';
import type { CaseRecord } from '../../resources/cases/types';
import { URGENCIES } from '../../resources/cases/vocabulary';

const label = (field: string) => `hotline.dispatch.fields.${field}`;

const profileOf = (values: { caseTypeCode?: unknown; categoryId?: unknown; urgency?: unknown }) => ({
  caseTypeCode: values.caseTypeCode,
  categoryId: values.categoryId === '' || values.categoryId === undefined ? null : values.categoryId,
  urgency: values.urgency,
});

/** The workflow refuses a reclassification that changes nothing: said before sending. */
const changedFrom = (record: CaseRecord): Validator => (_value: unknown, values: FieldValues) => {
  const next = profileOf(values);
  const now = profileOf(record);
  return next.caseTypeCode === now.caseTypeCode && next.categoryId === now.categoryId && next.urgency === now.urgency ? 'hotline.dispatch.validation.unchanged' : undefined;
};

export const ReclassifyAction = ({ record }: { record: CaseRecord }) => {
  const translate = useTranslate();
  const caseTypes = useCaseTypeChoices();
  const categories = useCategoryChoices();
  const urgencies = URGENCIES.map((id) => ({ id, name: translate(`hotline.case.urgency.${id}`) }));
  return (
    <CommandDialog
      caseId={record.id}
      command="reclassify"
      label="hotline.dispatch.actions.reclassify"
      icon={<CategoryIcon />}
      color="secondary"
      defaultValues={profileOf(record)}
      toBody={(values: FieldValues) => ({ ...profileOf(values), reason: values.reason })}
    >
      <Alert severity="info" sx={{ mb: 2 }}>{translate('hotline.dispatch.reclassify.hint')}</Alert>
      <PickerInput source="caseTypeCode" label={label('caseTypeCode')} choices={caseTypes} validate={[required(), changedFrom(record)]} />
      <PickerInput source="categoryId" label={label('categoryId')} choices={categories} />
      <SelectInput source="urgency" label={label('urgency')} choices={urgencies} validate={required()} fullWidth />
      <TextInput source="reason" label={label('reclassifyReason')} multiline minRows={2} fullWidth validate={requiredText(2000)} />
    </CommandDialog>
  );
};
