// Categories: a tree like the units, each with the unit dispatchers are offered first.
import CategoryIcon from '@mui/icons-material/Category';
import { Chip } from '@mui/material';
import { AutocompleteInput, Create, Edit, maxLength, NumberInput, ReferenceField, ReferenceInput, required, TextInput, TopToolbar } from 'react-admin';
import { LocalizedNameField } from '../../../shell/common/LocalizedName';
import { ActiveToggle } from '../shared/ActiveToggle';
import { AdminForm } from '../shared/AdminForm';
import { blankToNull } from '../shared/blankToNull';
import { TreeListPage } from '../shared/TreeListPage';
import { useCreateSubmit, useUpdateSubmit } from '../shared/useRecordSubmit';
import { reasonRule, requiredText, slugRule, sortOrderRule } from '../../../shell/forms/fieldRules';
import { searchByText } from '../units/UnitForm';
import type { Category } from '../../../../../prisma/generated/browser';
import type { Json } from '../../../shell/providers/json';

/** GET /api/categories: the rows as stored. */
type CategoryRow = Json<Category>;

const DefaultUnitChip = ({ row }: { row: CategoryRow }) =>
  row.defaultUnitId === null ? null : (
    <Chip
      size="small"
      color="primary"
      variant="outlined"
      label={
        <ReferenceField record={row} source="defaultUnitId" reference="units" link={false}>
          <LocalizedNameField />
        </ReferenceField>
      }
    />
  );

export const CategoryTree = () => (
  <TreeListPage<CategoryRow> resource="categories" title="hotline.admin.category.title" testIdPrefix="category-node" details={(row) => <DefaultUnitChip row={row} />} />
);

const CategoryFormFields = () => (
  <>
    <TextInput source="name" label="hotline.admin.category.fields.name" validate={requiredText(100)} autoFocus />
    <TextInput source="nameEn" label="hotline.admin.category.fields.nameEn" validate={maxLength(200)} />
    <TextInput source="code" label="hotline.admin.category.fields.code" validate={[required(), slugRule]} />
    <ReferenceInput source="parentId" reference="categories" perPage={50} filter={{ active: true }}>
      <AutocompleteInput label="hotline.admin.category.fields.parentId" optionText="name" filterToQuery={searchByText} helperText="hotline.admin.category.topLevelHint" />
    </ReferenceInput>
    <ReferenceInput source="defaultUnitId" reference="units" perPage={50} filter={{ active: true }}>
      <AutocompleteInput label="hotline.admin.category.fields.defaultUnitId" optionText="name" filterToQuery={searchByText} />
    </ReferenceInput>
    <NumberInput source="sortOrder" label="hotline.admin.fields.sortOrder" validate={sortOrderRule} />
    <TextInput source="reason" label="hotline.admin.fields.reason" validate={reasonRule} multiline />
  </>
);

const CategoryEditForm = () => {
  const save = useUpdateSubmit({ toBody: blankToNull });
  return (
    <AdminForm save={save} deletable>
      <CategoryFormFields />
    </AdminForm>
  );
};

export const CategoryEdit = () => (
  <Edit actions={<TopToolbar><ActiveToggle /></TopToolbar>} mutationMode="pessimistic">
    <CategoryEditForm />
  </Edit>
);

const CategoryCreateForm = () => {
  const save = useCreateSubmit({ toBody: blankToNull });
  return (
    <AdminForm save={save} defaultValues={{ sortOrder: 0 }}>
      <CategoryFormFields />
    </AdminForm>
  );
};

export const CategoryCreate = () => (
  <Create>
    <CategoryCreateForm />
  </Create>
);

export const categoryIcon = CategoryIcon;
