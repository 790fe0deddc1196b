// Rule settings: JSON values by key (warning ratio, caps, detection thresholds …), each checked
// by its key's schema in the API; its errors name paths inside the value (`value.minCount`).
import TuneIcon from '@mui/icons-material/Tune';
import { Chip } from '@mui/material';
import { BooleanField, Datagrid, Edit, FunctionField, List, SearchInput, TextField, TextInput, required, useRecordContext, type Validator, Labeled } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { AdminForm } from '../shared/AdminForm';
import { useUpdateSubmit } from '../shared/useRecordSubmit';
import { reasonRule } from '../../../shell/forms/fieldRules';
import type { RuleSettingAnswer } from '../../../../../api/ruleSettings/answers';
import type { Json } from '../../../shell/providers/json';
import { RulesBroadcastStatus } from '../shared/RulesBroadcastStatus';

/** GET /api/rule-settings */
type SettingRow = Json<RuleSettingAnswer>;

const compact = (value: unknown) => {
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
};

export const RuleSettingList = () => (
  <List filters={[<SearchInput key="q" source="q" alwaysOn />]} sort={{ field: 'id', order: 'ASC' }} perPage={50}>
    <RulesBroadcastStatus />
    <Datagrid rowClick={(_id, _resource, record) => ((record as SettingRow).editable ? 'edit' : false)} bulkActionButtons={false}>
      <TextField source="id" label="hotline.admin.setting.fields.key" />
      <TextField source="description" label="hotline.admin.setting.fields.description" />
      <FunctionField<SettingRow> label="hotline.admin.setting.fields.value" render={(row) => <Chip size="small" variant="outlined" sx={{ fontFamily: 'monospace' }} label={compact(row.value)} title={JSON.stringify(row.value)} />} />
      <BooleanField source="editable" label="hotline.admin.setting.fields.editable" />
      <BooleanField source="readByOpenCases" label="hotline.admin.setting.fields.readByOpenCases" />
    </Datagrid>
  </List>
);

const jsonRule: Validator = (value: unknown) => {
  if (typeof value !== 'string') return 'ra.validation.required';
  try {
    JSON.parse(value);
    return undefined;
  } catch {
    return 'hotline.admin.setting.invalidJson';
  }
};

/** The API names problems inside the value as `value` or `value.<path>`; they belong to the text. */
const onValueText = (errors: Record<string, string> | undefined) =>
  errors === undefined ? undefined : { valueText: Object.entries(errors).map(([path, message]) => (path === 'value' ? message : `${path.replace(/^value\./, '')}: ${message}`)).join('; ') };

const SettingForm = () => {
  const record = useRecordContext<SettingRow>();
  const save = useUpdateSubmit({ toBody: (values: FieldValues) => ({ value: JSON.parse(String(values.valueText)), reason: values.reason || null }) });
  if (!record) return null;
  return (
    <AdminForm save={{ ...save, submit: async (values) => onValueText(await save.submit(values)) }} defaultValues={{ valueText: JSON.stringify(record.value, null, 2) }} disabled={!record.editable}>
      <Labeled label="hotline.admin.setting.fields.key">
        <TextField source="id" />
      </Labeled>
      <Labeled label="hotline.admin.setting.fields.description">
        <TextField source="description" />
      </Labeled>
      <TextInput source="valueText" label="hotline.admin.setting.fields.value" validate={[required(), jsonRule]} multiline minRows={3} fullWidth autoFocus sx={{ '& textarea': { fontFamily: 'monospace' } }} />
      <TextInput source="reason" label="hotline.admin.fields.reason" validate={reasonRule} multiline fullWidth />
    </AdminForm>
  );
};

export const RuleSettingEdit = () => (
  <Edit mutationMode="pessimistic">
    <SettingForm />
  </Edit>
);

export default { list: RuleSettingList, edit: RuleSettingEdit, icon: TuneIcon };
