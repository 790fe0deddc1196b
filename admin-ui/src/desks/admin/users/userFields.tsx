import { AutocompleteInput, CheckboxGroupInput, ReferenceInput, required, TextInput } from 'react-admin';
import { ROLES } from '../../../shell/access/roles';
import { searchByText } from '../units/UnitForm';
import { phoneRule, reasonRule, requiredText } from '../../../shell/forms/fieldRules';

export const roleChoices = ROLES.map((role) => ({ id: role, name: `hotline.admin.user.role.${role}` }));

/** What an admin changes on an account (username and password have their own rules). */
export const UserProfileInputs = () => (
  <>
    <TextInput source="displayName" label="hotline.admin.user.fields.displayName" validate={requiredText(50)} />
    <CheckboxGroupInput source="roles" label="hotline.admin.user.fields.roles" choices={roleChoices} validate={required()} row />
    <ReferenceInput source="unitId" reference="units" perPage={50} filter={{ active: true }}>
      <AutocompleteInput label="hotline.admin.user.fields.unitId" optionText="name" filterToQuery={searchByText} validate={required()} />
    </ReferenceInput>
    <TextInput source="phone" label="hotline.admin.user.fields.phone" validate={phoneRule} />
    <TextInput source="reason" label="hotline.admin.fields.reason" validate={reasonRule} multiline />
  </>
);
