import { Chip, Stack } from '@mui/material';
import {
  BooleanField,
  Create,
  Datagrid,
  DateField,
  Edit,
  FunctionField,
  List,
  NullableBooleanInput,
  PasswordInput,
  ReferenceField,
  ReferenceInput,
  AutocompleteInput,
  regex,
  required,
  SearchInput,
  SelectInput,
  TextField,
  TextInput,
  TopToolbar,
  useTranslate,
  Labeled,
} from 'react-admin';
import { LocalizedNameField } from '../../../shell/common/LocalizedName';
import { ActiveToggle } from '../shared/ActiveToggle';
import { AdminForm } from '../shared/AdminForm';
import { blankToNull } from '../shared/blankToNull';
import { useCreateSubmit, useUpdateSubmit } from '../shared/useRecordSubmit';
import { searchByText } from '../units/UnitForm';
import { passwordRule } from './passwordRule';
import { PasswordReset } from './PasswordReset';
import { roleChoices, UserProfileInputs } from './userFields';
import type { UserAnswer } from '../../../../../api/users/answers';
import type { Json } from '../../../shell/providers/json';

/** GET /api/users */
type UserRow = Json<UserAnswer>;

const userFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" label="hotline.admin.user.fields.roles" choices={roleChoices} alwaysOn />,
  <ReferenceInput key="unitId" source="unitId" reference="units" perPage={50}>
    <AutocompleteInput label="hotline.admin.user.fields.unitId" optionText="name" filterToQuery={searchByText} />
  </ReferenceInput>,
  <NullableBooleanInput key="active" source="active" label="hotline.admin.fields.active" />,
];

const RoleChips = () => {
  const translate = useTranslate();
  return (
    <FunctionField<UserRow>
      label="hotline.admin.user.fields.roles"
      render={(user) => (
        <Stack direction="row" spacing={0.5}>
          {user.roles.map((role) => (
            <Chip key={role} size="small" label={translate(`hotline.admin.user.role.${role}`)} />
          ))}
        </Stack>
      )}
    />
  );
};

export const UserList = () => (
  <List filters={userFilters} sort={{ field: 'username', order: 'ASC' }}>
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <TextField source="username" label="hotline.admin.user.fields.username" />
      <TextField source="displayName" label="hotline.admin.user.fields.displayName" />
      <RoleChips />
      <ReferenceField source="unitId" reference="units" label="hotline.admin.user.fields.unitId" link={false} sortable>
        <LocalizedNameField />
      </ReferenceField>
      <TextField source="phone" label="hotline.admin.user.fields.phone" emptyText="—" />
      <BooleanField source="active" label="hotline.admin.fields.active" />
      <DateField source="lastLoginAt" label="hotline.admin.user.fields.lastLoginAt" showTime emptyText="—" />
    </Datagrid>
  </List>
);

const usernameRule = regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, 'hotline.admin.validation.username');

const UserCreateForm = () => {
  const save = useCreateSubmit({ toBody: blankToNull });
  return (
    <AdminForm save={save} defaultValues={{ roles: [] }}>
      <TextInput source="username" label="hotline.admin.user.fields.username" validate={[required(), usernameRule]} autoFocus />
      <PasswordInput source="password" label="hotline.admin.user.fields.password" validate={passwordRule} helperText="hotline.admin.user.password.policy" />
      <UserProfileInputs />
    </AdminForm>
  );
};

export const UserCreate = () => (
  <Create>
    <UserCreateForm />
  </Create>
);

const UserEditForm = () => {
  const save = useUpdateSubmit({ toBody: blankToNull });
  return (
    <AdminForm save={save}>
      <Labeled label="hotline.admin.user.fields.username">
        <TextField source="username" />
      </Labeled>
      <UserProfileInputs />
    </AdminForm>
  );
};

export const UserEdit = () => (
  <Edit
    mutationMode="pessimistic"
    actions={
      <TopToolbar>
        <PasswordReset />
        <ActiveToggle />
      </TopToolbar>
    }
  >
    <UserEditForm />
  </Edit>
);
