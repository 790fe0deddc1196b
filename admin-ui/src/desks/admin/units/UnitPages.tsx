import { Chip } from '@mui/material';
import { Create, Edit, TopToolbar, useTranslate } from 'react-admin';
import { ActiveToggle } from '../shared/ActiveToggle';
import { AdminForm } from '../shared/AdminForm';
import { blankToNull } from '../shared/blankToNull';
import { TreeListPage } from '../shared/TreeListPage';
import { MAX_UNIT_LEVEL } from './UnitForm';
import { useCreateSubmit, useUpdateSubmit } from '../shared/useRecordSubmit';
import { UnitFormFields } from './UnitForm';
import type { Unit } from '../../../../../prisma/generated/browser';
import type { Json } from '../../../shell/providers/json';

/** GET /api/units: the rows as stored. */
type UnitRow = Json<Unit>;

const UnitDetails = ({ row }: { row: UnitRow }) => {
  const translate = useTranslate();
  return <Chip size="small" label={`${translate(`hotline.admin.unit.level.${row.level}`)} · ${translate(`hotline.admin.unit.kind.${row.kind}`)}`} />;
};

export const UnitTree = () => <TreeListPage<UnitRow> resource="units" title="hotline.admin.unit.title" testIdPrefix="unit-node" details={(row) => <UnitDetails row={row} />} canAddBelow={(row) => row.level < MAX_UNIT_LEVEL} />;

const UnitEditForm = () => {
  const save = useUpdateSubmit({ toBody: blankToNull });
  return (
    <AdminForm save={save} deletable>
      <UnitFormFields />
    </AdminForm>
  );
};

export const UnitEdit = () => (
  <Edit actions={<TopToolbar><ActiveToggle /></TopToolbar>} mutationMode="pessimistic">
    <UnitEditForm />
  </Edit>
);

const UnitCreateForm = () => {
  const save = useCreateSubmit({ toBody: blankToNull });
  return (
    <AdminForm save={save} defaultValues={{ kind: 'street', sortOrder: 0 }}>
      <UnitFormFields />
    </AdminForm>
  );
};

export const UnitCreate = () => (
  <Create>
    <UnitCreateForm />
  </Create>
);
