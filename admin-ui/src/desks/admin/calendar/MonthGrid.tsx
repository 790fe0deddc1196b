// One month as a Monday-first grid; each day coloured by its kind and clickable to change.
import { Box, ButtonBase, Paper, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import type { CalendarDay, DayKind } from './useCalendarYear';

export const KIND_STYLE: Record<DayKind, { bgcolor: string; color: string }> = {
  workday: { bgcolor: 'background.paper', color: 'text.primary' },
  weekend: { bgcolor: 'action.hover', color: 'text.secondary' },
  holiday: { bgcolor: 'error.light', color: 'error.contrastText' },
  adjustedWorkday: { bgcolor: 'warning.light', color: 'warning.contrastText' },
};

const pad = (n: number) => String(n).padStart(2, '0');

interface MonthGridProps {
  year: number;
  /** 1–12 */
  month: number;
  days: Map<string, CalendarDay>;
  /** Absent for readers who may not change the calendar. */
  onPick?: (day: CalendarDay) => void;
}

export const MonthGrid = ({ year, month, days, onPick }: MonthGridProps) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const first = new Date(Date.UTC(year, month - 1, 1));
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const title = first.toLocaleDateString(locale, { month: 'long', timeZone: 'UTC' });
  return (
    <Paper variant="outlined" sx={{ p: 1 }} data-testid={`month-${year}-${pad(month)}`}>
      <Typography variant="subtitle2" align="center">
        {title}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: '2px' }}>
        {[1, 2, 3, 4, 5, 6, 0].map((weekday) => (
          <Typography key={weekday} variant="caption" align="center" color="text.secondary">
            {translate(`hotline.admin.calendar.weekday.${weekday}`)}
          </Typography>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          <Box key={`lead-${i}`} />
        ))}
        {Array.from({ length }, (_, i) => {
          const date = `${year}-${pad(month)}-${pad(i + 1)}`;
          const day = days.get(date);
          const style = day ? KIND_STYLE[day.kind] : { bgcolor: 'transparent', color: 'text.disabled' };
          return (
            <ButtonBase
              key={date}
              disabled={day === undefined || onPick === undefined}
              onClick={() => day && onPick?.(day)}
              title={day?.name ?? undefined}
              aria-label={`${date} ${day ? translate(`hotline.admin.calendar.kind.${day.kind}`) : ''} ${day?.name ?? ''}`.trim()}
              data-testid={`day-${date}`}
              data-kind={day?.kind ?? 'missing'}
              sx={{ ...style, borderRadius: 1, fontSize: 12, height: 22, fontWeight: day?.source === 'admin' ? 700 : 400, outline: day?.source === 'admin' ? '1px dashed' : 'none' }}
            >
              {i + 1}
            </ButtonBase>
          );
        })}
      </Box>
    </Paper>
  );
};
