import { useLocaleState } from 'react-admin';

/** Numbers as the console's language writes them; unknown figures (null) as a dash. */
export const useFormatters = () => {
  const [locale] = useLocaleState();
  const tag = locale === 'en' ? 'en-US' : 'zh-CN';
  const percentFormat = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
  const signedPercentFormat = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const numberFormat = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  const signedFormat = new Intl.NumberFormat(tag, { maximumFractionDigits: 2, signDisplay: 'exceptZero' });
  const orDash = (value: number | null | undefined, format: Intl.NumberFormat) => (value === null || value === undefined ? '—' : format.format(value));
  return {
    percent: (value: number | null | undefined) => orDash(value, percentFormat),
    signedPercent: (value: number | null | undefined) => orDash(value, signedPercentFormat),
    number: (value: number | null | undefined) => orDash(value, numberFormat),
    signed: (value: number | null | undefined) => orDash(value, signedFormat),
  };
};
