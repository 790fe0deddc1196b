// /calendar: the working-day calendar as a year view. Holidays and weekend working days (调休)
// are marked; a click changes a day (with a reason); a year next to the covered ones can be
// imported (or opened by hand), and the first or last covered year removed.
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { Alert, Box, Button, Card, CardContent, Chip, IconButton, LinearProgress, Stack, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import { Title, useDataProvider, useNotify, useTranslate } from 'react-admin';
import { useRoles } from '../../../shell/access/roles';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';
import { apiRefusalOf, refusalLine, refusalText } from '../../../shell/providers/apiRefusal';
import { RulesBroadcastStatus } from '../shared/RulesBroadcastStatus';
import { CoverageWarning } from './CoverageWarning';
import { DayDialog } from './DayDialog';
import { OpenYearButton } from './OpenYearDialog';
import { RemoveYearButton } from './RemoveYearDialog';
import { KIND_STYLE, MonthGrid } from './MonthGrid';
import { useCalendarChanged, useCalendarYear, type CalendarDay, type DayKind } from './useCalendarYear';

const shanghaiYear = () => Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Shanghai' }).format(new Date()));

const Legend = () => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={1}>
      {(Object.keys(KIND_STYLE) as DayKind[]).map((kind) => (
        <Chip key={kind} size="small" label={translate(`hotline.admin.calendar.kind.${kind}`)} sx={{ ...KIND_STYLE[kind], border: 1, borderColor: 'divider' }} />
      ))}
    </Stack>
  );
};

const ImportYear = ({ year }: { year: number }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const notify = useNotify();
  const changed = useCalendarChanged();
  const [busy, setBusy] = useState(false);
  const importYear = async () => {
    setBusy(true);
    try {
      const result = await dataProvider.sendJson<{ days: number }>(`/api/calendar/import/${year}`, {});
      notify('hotline.admin.calendar.imported', { type: 'info', messageArgs: { year, days: result.days } });
      changed();
    } catch (error) {
      notify(refusalLine(refusalText(translate, apiRefusalOf(error))), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="contained" disabled={busy} onClick={() => void importYear()} data-testid="import-year">
      {translate('hotline.admin.calendar.import', { year })}
    </Button>
  );
};

export const CalendarPage = () => {
  const translate = useTranslate();
  const isAdmin = useRoles().includes('admin');
  const [year, setYear] = useState(shanghaiYear);
  const [picked, setPicked] = useState<CalendarDay | null>(null);
  const { data, isPending, error } = useCalendarYear(year);
  const days = useMemo(() => new Map((data?.days ?? []).map((day) => [day.date, day])), [data]);
  const covered = data?.coveredYears.includes(year) ?? true;
  // What the server allows with this year (its coverage rule), offered to admins only.
  const allowed = data?.actions ?? [];
  const actions = isAdmin ? allowed : [];
  const yearAction = actions.includes('import') ? <ImportYear year={year} /> : actions.includes('open') ? <OpenYearButton year={year} /> : undefined;
  const notCovered = allowed.includes('import') ? 'notCoveredImportable' : allowed.includes('open') ? 'notCovered' : 'notAdjoining';
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="hotline.admin.calendar.title" />
      <Stack spacing={2}>
        <CoverageWarning />
        <RulesBroadcastStatus />
        <Card>
          <CardContent>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
              <IconButton onClick={() => setYear(year - 1)} aria-label={translate('hotline.admin.calendar.previousYear')}>
                <ChevronLeftIcon />
              </IconButton>
              <Typography variant="h6" data-testid="calendar-year">
                {year}
              </Typography>
              <IconButton onClick={() => setYear(year + 1)} aria-label={translate('hotline.admin.calendar.nextYear')}>
                <ChevronRightIcon />
              </IconButton>
              <Legend />
              {data !== undefined && (
                <Typography variant="body2" color="text.secondary">
                  {translate('hotline.admin.calendar.coveredYears', { years: data.coveredYears.join(', ') || '—' })}
                </Typography>
              )}
              {actions.includes('remove') && <RemoveYearButton year={year} />}
            </Stack>
            {isPending && <LinearProgress />}
            {error != null && <Alert severity="error">{error.message}</Alert>}
            {!covered && (
              <Alert severity="warning" sx={{ mb: 2 }} action={yearAction} data-testid="year-not-covered">
                {translate(`hotline.admin.calendar.${notCovered}`, { year })}
              </Alert>
            )}
            <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 1.5 }}>
              {Array.from({ length: 12 }, (_, i) => (
                <MonthGrid key={i} year={year} month={i + 1} days={days} onPick={isAdmin ? setPicked : undefined} />
              ))}
            </Box>
          </CardContent>
        </Card>
      </Stack>
      <DayDialog day={picked} onClose={() => setPicked(null)} />
    </Box>
  );
};
