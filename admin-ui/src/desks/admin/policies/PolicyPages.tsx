// Deadline policies: the limit of each clock per case type, category, urgency and dispatch mode (the most
// specific active row wins). Accepted changes reach open cases for clocks they start later.
import {
  AutocompleteInput,
  BooleanField,
  BooleanInput,
  Create,
  Datagrid,
  Edit,
  FunctionField,
  List,
  NullableBooleanInput,
  NumberInput,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  TextInput,
  maxLength,
  required,
  useTranslate,
} from 'react-admin';
import { LocalizedNameField } from '../../../shell/common/LocalizedName';
import { AdminForm } from '../shared/AdminForm';
import { blankToNull } from '../shared/blankToNull';
import { useCreateSubmit, useUpdateSubmit } from '../shared/useRecordSubmit';
import { reasonRule } from '../../../shell/forms/fieldRules';
import { searchByText } from '../units/UnitForm';
import { amountRule, CLOCKS, DISPATCH_MODES, LIMIT_UNITS, URGENCIES, warnAmountRule, warnRatioRule, warnUnitRule } from './policyRules';
import type { PolicyAnswer } from '../../../../../api/policies/answers';
import type { Json } from '../../../shell/providers/json';
import { RulesBroadcastStatus } from '../shared/RulesBroadcastStatus';

/** GET /api/policies */
type PolicyRow = Json<PolicyAnswer>;

const choicesOf = (values: readonly string[], prefix: string) => values.map((id) => ({ id, name: `${prefix}.${id}` }));
const clockChoices = choicesOf(CLOCKS, 'hotline.admin.policy.clock');
const unitChoices = choicesOf(LIMIT_UNITS, 'hotline.admin.policy.unit');
const urgencyChoices = choicesOf(URGENCIES, 'hotline.case.urgency');
const modeChoices = choicesOf(DISPATCH_MODES, 'hotline.case.marks.mode');

const policyFilters = [
  <SelectInput key="clock" source="clock" label="hotline.admin.policy.fields.clock" choices={clockChoices} alwaysOn />,
  <NullableBooleanInput key="active" source="active" label="hotline.admin.fields.active" alwaysOn />,
];

const useDuration = () => {
  const translate = useTranslate();
  return (amount: number, unit: string) => translate(`hotline.admin.policy.duration.${unit}`, { smart_count: amount });
};

const LimitField = (_props: { label: string }) => {
  const duration = useDuration();
  return <FunctionField<PolicyRow> render={(row) => duration(row.amount, row.unit)} />;
};

const WarningField = (_props: { label: string }) => {
  const translate = useTranslate();
  const duration = useDuration();
  return (
    <FunctionField<PolicyRow>
      render={(row) =>
        [
          row.warnAmount !== null && row.warnUnit !== null ? translate('hotline.admin.policy.warnBefore', { duration: duration(row.warnAmount, row.warnUnit) }) : null,
          row.warnRatio !== null ? translate('hotline.admin.policy.warnAfterRatio', { percent: Math.round(row.warnRatio * 1000) / 10 }) : null,
        ]
          .filter((text) => text !== null)
          .join(' · ') || '—'
      }
    />
  );
};

export const PolicyList = () => (
  <List filters={policyFilters} filterDefaultValues={{ active: true }} sort={{ field: 'clock', order: 'ASC' }} perPage={50}>
    <RulesBroadcastStatus />
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <FunctionField source="clock" label="hotline.admin.policy.fields.clock" render={(row: { clock: string }) => <ClockName clock={row.clock} />} />
      <ReferenceField source="caseTypeCode" reference="case-types" label="hotline.admin.policy.fields.caseTypeCode" link={false} emptyText="hotline.admin.policy.any">
        <LocalizedNameField />
      </ReferenceField>
      <ReferenceField source="categoryId" reference="categories" label="hotline.admin.policy.fields.categoryId" link={false} emptyText="hotline.admin.policy.any">
        <LocalizedNameField />
      </ReferenceField>
      <FunctionField source="urgency" label="hotline.admin.policy.fields.urgency" render={(row: { urgency: string | null }) => <UrgencyName urgency={row.urgency} />} />
      <FunctionField source="dispatchMode" label="hotline.admin.policy.fields.dispatchMode" render={(row: { dispatchMode: string | null }) => <ModeName mode={row.dispatchMode} />} />
      <LimitField label="hotline.admin.policy.fields.limit" />
      <WarningField label="hotline.admin.policy.fields.warning" />
      <BooleanField source="active" label="hotline.admin.fields.active" />
    </Datagrid>
  </List>
);

const ClockName = ({ clock }: { clock: string }) => <>{useTranslate()(`hotline.admin.policy.clock.${clock}`)}</>;
const UrgencyName = ({ urgency }: { urgency: string | null }) => {
  const translate = useTranslate();
  return <>{urgency === null ? translate('hotline.admin.policy.any') : translate(`hotline.case.urgency.${urgency}`)}</>;
};

const ModeName = ({ mode }: { mode: string | null }) => {
  const translate = useTranslate();
  return <>{mode === null ? translate('hotline.admin.policy.any') : translate(`hotline.case.marks.mode.${mode}`)}</>;
};

const PolicyInputs = () => (
  <>
    <SelectInput source="clock" label="hotline.admin.policy.fields.clock" choices={clockChoices} validate={required()} autoFocus />
    <ReferenceInput source="caseTypeCode" reference="case-types">
      <SelectInput label="hotline.admin.policy.fields.caseTypeCode" optionText="name" emptyText="hotline.admin.policy.any" />
    </ReferenceInput>
    <ReferenceInput source="categoryId" reference="categories" perPage={50}>
      <AutocompleteInput label="hotline.admin.policy.fields.categoryId" optionText="name" filterToQuery={searchByText} helperText="hotline.admin.policy.anyHint" />
    </ReferenceInput>
    <SelectInput source="urgency" label="hotline.admin.policy.fields.urgency" choices={urgencyChoices} emptyText="hotline.admin.policy.any" />
    <SelectInput source="dispatchMode" label="hotline.admin.policy.fields.dispatchMode" choices={modeChoices} emptyText="hotline.admin.policy.any" />
    <NumberInput source="amount" label="hotline.admin.policy.fields.amount" validate={amountRule} />
    <SelectInput source="unit" label="hotline.admin.policy.fields.unit" choices={unitChoices} validate={required()} />
    <NumberInput source="warnAmount" label="hotline.admin.policy.fields.warnAmount" validate={warnAmountRule} />
    <SelectInput source="warnUnit" label="hotline.admin.policy.fields.warnUnit" choices={unitChoices} validate={warnUnitRule} />
    <NumberInput source="warnRatio" label="hotline.admin.policy.fields.warnRatio" validate={warnRatioRule} step={0.05} helperText="hotline.admin.policy.ratioHint" />
    <TextInput source="description" label="hotline.admin.policy.fields.description" validate={maxLength(500)} multiline fullWidth />
    <BooleanInput source="active" label="hotline.admin.fields.active" />
    <TextInput source="reason" label="hotline.admin.fields.reason" validate={reasonRule} multiline fullWidth />
  </>
);

const PolicyEditForm = () => {
  const save = useUpdateSubmit({ toBody: blankToNull });
  return (
    <AdminForm save={save} deletable>
      <PolicyInputs />
    </AdminForm>
  );
};

export const PolicyEdit = () => (
  <Edit mutationMode="pessimistic">
    <PolicyEditForm />
  </Edit>
);

const PolicyCreateForm = () => {
  const save = useCreateSubmit({ toBody: blankToNull });
  return (
    <AdminForm save={save} defaultValues={{ unit: 'workingDays', active: true, caseTypeCode: null, categoryId: null, urgency: null, dispatchMode: null, warnAmount: null, warnUnit: null, warnRatio: null }}>
      <PolicyInputs />
    </AdminForm>
  );
};

export const PolicyCreate = () => (
  <Create>
    <PolicyCreateForm />
  </Create>
);
