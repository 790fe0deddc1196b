import { MenuItem, Stack, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { currentMonth, dateRangeOf, recentMonths, type StatisticsPeriod } from './period';

const MONTHS_OFFERED = 24;
const CUSTOM = 'custom';

export interface PeriodPickerProps {
  value: StatisticsPeriod;
  onChange: (period: StatisticsPeriod) => void;
}

/** This month (default), one of the months before it, or a custom range of days. */
export const PeriodPicker = ({ value, onChange }: PeriodPickerProps) => {
  const translate = useTranslate();
  const thisMonth = currentMonth();
  const selected = value.kind === 'month' ? value.month : CUSTOM;
  const range = dateRangeOf(value);

  const choose = (choice: string) => onChange(choice === CUSTOM ? { kind: 'range', ...range } : { kind: 'month', month: choice });
  // A half-typed or inverted range is not sent: the API would answer 400 for it.
  const changeDay = (field: 'from' | 'to', day: string) => {
    const next = { ...range, [field]: day };
    if (day !== '' && next.from <= next.to) onChange({ kind: 'range', ...next });
  };

  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }} data-testid="statistics-period">
      <TextField
        select
        size="small"
        label={translate('hotline.statistics.period.label')}
        value={selected}
        onChange={(event) => choose(event.target.value)}
        sx={{ minWidth: 200 }}
        slotProps={{ htmlInput: { 'data-testid': 'statistics-period-select' } }}
      >
        {recentMonths(MONTHS_OFFERED).map((month) => (
          <MenuItem key={month} value={month}>
            {month === thisMonth ? translate('hotline.statistics.period.thisMonth', { month }) : translate('hotline.statistics.period.month', { month })}
          </MenuItem>
        ))}
        <MenuItem value={CUSTOM}>{translate('hotline.statistics.period.custom')}</MenuItem>
      </TextField>
      {value.kind === 'range' && (
        <>
          <TextField type="date" size="small" label={translate('hotline.statistics.period.from')} value={range.from} onChange={(event) => changeDay('from', event.target.value)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: range.to } }} />
          <TextField type="date" size="small" label={translate('hotline.statistics.period.to')} value={range.to} onChange={(event) => changeDay('to', event.target.value)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: range.from } }} />
        </>
      )}
    </Stack>
  );
};
