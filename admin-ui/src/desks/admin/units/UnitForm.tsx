// The unit's fields. A new parent moves the unit with its subtree (the API refuses cycles and
// more than three levels below the office, with the reason shown above the form).
import { AutocompleteInput, maxLength, NumberInput, ReferenceInput, SelectInput, TextInput, required, useRecordContext } from 'react-admin';
import { phoneRule, reasonRule, requiredText, slugRule, sortOrderRule } from '../../../shell/forms/fieldRules';

/** Units go at most three levels below the hotline office (api/units/schemas.ts). */
export const MAX_UNIT_LEVEL = 3;

export const UNIT_KINDS = ['district', 'department', 'street', 'subBureau', 'enterprise'] as const;

const kindChoices = UNIT_KINDS.map((kind) => ({ id: kind, name: `hotline.admin.unit.kind.${kind}` }));

/** The API's `q` needs at least one character; an empty search lists everything. */
export const searchByText = (text: string) => (text.trim() === '' ? {} : { q: text.trim() });

export const UnitFormFields = () => {
  const record = useRecordContext<{ id?: string; parentId: string | null }>();
  const isRoot = record?.id !== undefined && record.parentId === null;
  return (
    <>
      <TextInput source="name" label="hotline.admin.unit.fields.name" validate={requiredText(100)} autoFocus />
      <TextInput source="nameEn" label="hotline.admin.unit.fields.nameEn" validate={maxLength(200)} />
      <TextInput source="code" label="hotline.admin.unit.fields.code" validate={[required(), slugRule]} />
      {!isRoot && <SelectInput source="kind" label="hotline.admin.unit.fields.kind" choices={kindChoices} validate={required()} />}
      <TextInput source="dutyPhone" label="hotline.admin.unit.fields.dutyPhone" validate={phoneRule} />
      {!isRoot && (
        <ReferenceInput source="parentId" reference="units" perPage={50} filter={{ active: true }} sort={{ field: 'level', order: 'ASC' }}>
          <AutocompleteInput label="hotline.admin.unit.fields.parentId" optionText="name" filterToQuery={searchByText} validate={required()} />
        </ReferenceInput>
      )}
      <NumberInput source="sortOrder" label="hotline.admin.fields.sortOrder" validate={sortOrderRule} />
      <TextInput source="reason" label="hotline.admin.fields.reason" validate={reasonRule} multiline />
    </>
  );
};
