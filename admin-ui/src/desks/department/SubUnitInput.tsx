// The units below the user's unit (its subtree, in tree order, indented by level) to pass a
// case down to: one or several (issue 19).
import { SelectArrayInput, useGetList, useTranslate } from 'react-admin';
import { useLocalizedName } from '../../shell/common/LocalizedName';
import { requiredChoice } from './validation';

interface UnitRow {
  id: string;
  name: string;
  nameEn: string | null;
  level: number;
  lineage: string[];
}

export const SubUnitInput = ({ unitId }: { unitId: string }) => {
  const translate = useTranslate();
  const localized = useLocalizedName();
  const { data = [], isPending } = useGetList<UnitRow>('units', {
    filter: { ancestorId: unitId, active: true },
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'level', order: 'ASC' },
  });
  const own = data.find((unit) => unit.id === unitId);
  const below = data
    .filter((unit) => unit.id !== unitId)
    .sort((a, b) => a.lineage.join('/').localeCompare(b.lineage.join('/')));
  const depth = (unit: UnitRow) => unit.level - (own?.level ?? unit.level - 1) - 1;
  return (
    <SelectArrayInput
      source="subUnitIds"
      label="hotline.department.fields.subUnitIds"
      choices={below.map((unit) => ({ id: unit.id, name: `${'　'.repeat(Math.max(0, depth(unit)))}${localized(unit)}` }))}
      validate={requiredChoice}
      isPending={isPending}
      helperText={!isPending && below.length === 0 ? translate('hotline.department.hints.noSubUnits') : false}
      fullWidth
      autoFocus
    />
  );
};
