// A unit's name in the console's language, from the units resource (batched by react-admin).
import { useGetOne } from 'react-admin';
import { useLocalizedName } from './LocalizedName';

export const UnitLabel = ({ unitId }: { unitId: string | null }) => {
  const localized = useLocalizedName();
  const { data } = useGetOne<{ id: string; name: string; nameEn?: string | null }>('units', { id: unitId ?? '' }, { enabled: unitId !== null });
  if (unitId === null) return <>—</>;
  return <>{data ? localized(data) : unitId}</>;
};
