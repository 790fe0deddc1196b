import { useLocaleState, useRecordContext } from 'react-admin';

interface Named {
  name: string;
  nameEn?: string | null;
}

/** A reference row's name in the console's language (units, categories and case types have both). */
export const useLocalizedName = () => {
  const [locale] = useLocaleState();
  return (row: Named | undefined): string => (row === undefined ? '' : locale === 'en' && row.nameEn ? row.nameEn : row.name);
};

/** For `<ReferenceField>` children and list columns of named rows. */
export const LocalizedNameField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<Named & { id: string }>();
  const localized = useLocalizedName();
  return record ? <span>{localized(record)}</span> : null;
};
