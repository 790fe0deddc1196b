// "State as of": a slider over the case's lifecycle events (and a date-time input) replays the
// case to that moment from its audit trail; what differs from the state now is highlighted.
import { Alert, alpha, Box, Button, Card, CardContent, Chip, CircularProgress, Slider, Stack, TextField, Typography } from '@mui/material';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import type { CaseRecord } from '../../resources/cases/types';
import { isLifecycleRow, useCaseHistory, useReplay, type AuditRow, type ReplayedState } from '../../resources/audit/api';
import { beijingLocalToIso, formatTime } from '../../resources/audit/format';
import { UnitLabel } from '../../shell/common/UnitLabel';

/** One shown aspect of the state: rendered, and compared with now by its text. */
interface Aspect {
  key: string;
  label: string;
  text: (state: ReplayedState, translate: (key: string, options?: object) => string) => string;
  render?: (state: ReplayedState) => ReactNode;
}

const ASPECTS: Aspect[] = [
  { key: 'status', label: 'hotline.audit.replay.status', text: (s, t) => t(`hotline.case.status.${s.status}`, { _: s.status }) },
  { key: 'warningLevel', label: 'hotline.audit.replay.warningLevel', text: (s, t) => t(`hotline.case.warning.${s.warningLevel}`) },
  { key: 'escalationLevel', label: 'hotline.audit.replay.escalationLevel', text: (s, t) => t(`hotline.supervision.escalation.${s.escalationLevel}`) },
  {
    key: 'units',
    label: 'hotline.audit.replay.units',
    text: (s, t) => s.assignments.map((a) => `${a.unitId}:${t(`hotline.case.assignmentRole.${a.role}`)}:${t(`hotline.assignment.status.${a.status}`, { _: a.status })}`).join(' '),
    render: (s) => (
      <Stack spacing={0.25}>
        {s.assignments.map((a) => (
          <Typography key={a.id} variant="body2"><UnitLabel unitId={a.unitId} /> · <RoleAndStatus role={a.role} status={a.status} /></Typography>
        ))}
      </Stack>
    ),
  },
  {
    key: 'clocks',
    label: 'hotline.audit.replay.clocks',
    text: (s) => s.clocks.map((c) => `${c.key}:${c.dueAt}:${c.level}:${c.escalation}`).join(' '),
    render: (s) => (
      <Stack spacing={0.25}>
        {s.clocks.map((c) => (
          <Typography key={c.key} variant="body2" data-clock={c.key}>
            <ClockName name={c.name} />{c.unitId !== null && <> (<UnitLabel unitId={c.unitId} />)</>} — {formatTime(c.dueAt)} · <Level level={c.level} /> · <Escalation level={c.escalation} />
          </Typography>
        ))}
      </Stack>
    ),
  },
  {
    key: 'counters',
    label: 'hotline.audit.replay.counters',
    text: (s) => JSON.stringify(s.counters),
    render: (s) => <CountersText counters={s.counters} />,
  },
];

const RoleAndStatus = ({ role, status }: { role: string; status: string }) => {
  const translate = useTranslate();
  return <>{translate(`hotline.case.assignmentRole.${role}`)} · {translate(`hotline.assignment.status.${status}`, { _: status })}</>;
};

const ClockName = ({ name }: { name: string }) => {
  const translate = useTranslate();
  return <>{translate(`hotline.supervision.clock.${name}`, { _: name })}</>;
};

const Level = ({ level }: { level: string }) => {
  const translate = useTranslate();
  return <>{translate(`hotline.case.warning.${level}`)}</>;
};

const Escalation = ({ level }: { level: number }) => {
  const translate = useTranslate();
  return <>{translate(`hotline.supervision.escalation.${level}`)}</>;
};

const CountersText = ({ counters }: { counters: ReplayedState['counters'] }) => {
  const translate = useTranslate();
  return <>{Object.entries(counters).map(([key, value]) => `${translate(`hotline.audit.replay.counter.${key}`, { _: key })} ${value}`).join(' · ')}</>;
};

const ReplayedAspects = ({ state, now, eventIndex }: { state: ReplayedState; now: ReplayedState | null; eventIndex: number }) => {
  const translate = useTranslate();
  return (
    <Stack spacing={1}>
      {ASPECTS.map((aspect) => {
        const text = aspect.text(state, translate);
        const differs = now !== null && aspect.text(now, translate) !== text;
        return (
          <Box
            key={aspect.key}
            data-testid={`replayed-${aspect.key}`}
            data-differs={differs}
            data-event-index={eventIndex}
            sx={{ p: 1, borderRadius: 1, border: 1, borderColor: differs ? 'warning.main' : 'divider', bgcolor: (theme) => (differs ? alpha(theme.palette.warning.main, 0.12) : 'transparent') }}
          >
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography variant="caption" color="text.secondary">{translate(aspect.label)}</Typography>
              {differs && <Chip size="small" color="warning" label={translate('hotline.audit.replay.differsFromNow')} />}
            </Stack>
            <Box data-testid={`replayed-${aspect.key}-value`}>{aspect.render ? aspect.render(state) : <Typography variant="body1">{text}</Typography>}</Box>
            {differs && now !== null && aspect.render === undefined && (
              <Typography variant="caption" color="text.secondary">{translate('hotline.audit.replay.now', { value: aspect.text(now, translate) })}</Typography>
            )}
          </Box>
        );
      })}
    </Stack>
  );
};

/** The lifecycle events oldest first, by their seq (the audit key's suffix), never by time. */
const lifecycleEvents = (caseId: string, rows: AuditRow[]) =>
  rows
    .filter((row) => isLifecycleRow(caseId, row))
    .map((row) => ({ row, seq: Number(row.idempotencyKey.slice(caseId.length + 1)) }))
    .sort((a, b) => a.seq - b.seq)
    .map(({ row }) => row);

export const StateAsOfTab = ({ record }: { record: CaseRecord }) => {
  const translate = useTranslate();
  const history = useCaseHistory(record.id);
  const events = useMemo(() => lifecycleEvents(record.id, history.data ?? []), [record.id, history.data]);
  const [index, setIndex] = useState<number | null>(null);
  const [local, setLocal] = useState('');
  const [typedAsOf, setTypedAsOf] = useState<string | null>(null);
  const shownIndex = index ?? events.length - 1;
  const asOf = typedAsOf ?? events[shownIndex]?.occurredAt;
  const replay = useReplay(record.id, asOf, asOf !== undefined);
  const now = useReplay(record.id);

  if (history.isPending) return <CircularProgress />;
  if (history.error) return <Alert severity="error">{translate('hotline.audit.failed', { message: history.error.message })}</Alert>;
  if (events.length === 0) return <Alert severity="info">{translate('hotline.audit.timeline.empty')}</Alert>;

  const loaded = replay.data !== undefined && !replay.isPlaceholderData && asOf !== undefined && Date.parse(replay.data.asOf) === Date.parse(asOf);
  const moveTo = (next: number) => { setTypedAsOf(null); setIndex(next); };
  const applyTyped = () => {
    if (local === '') return;
    const iso = beijingLocalToIso(local);
    const at = Date.parse(iso);
    // The slider follows: the last event at or before the typed moment (-1 = before registration).
    const last = events.reduce((found, event, i) => (Date.parse(event.occurredAt) <= at ? i : found), -1);
    setIndex(Math.max(last, 0));
    setTypedAsOf(iso);
  };
  const current = events[shownIndex];

  return (
    <Card data-testid="state-as-of">
      <CardContent>
        <Typography variant="body2" data-testid="replay-event-label">
          {translate('hotline.audit.replay.event', { index: shownIndex + 1, total: events.length, action: current ? translate(`hotline.audit.action.${current.action}`, { _: current.action }) : '' })}
          {current && ` · ${formatTime(current.occurredAt)}`}
        </Typography>
        <Box sx={{ px: 2 }}>
          <Slider
            value={shownIndex}
            min={0}
            max={events.length - 1}
            step={1}
            marks
            onChange={(_, value) => moveTo(value as number)}
            getAriaValueText={(value) => translate(`hotline.audit.action.${events[value]?.action ?? ''}`, { _: events[value]?.action ?? '' })}
            slotProps={{ input: { 'aria-label': translate('hotline.audit.tabs.stateAsOf'), 'data-testid': 'replay-slider' } as object }}
          />
        </Box>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 2 }} component="form" onSubmit={(event) => { event.preventDefault(); applyTyped(); }}>
          <TextField
            type="datetime-local"
            size="small"
            label={translate('hotline.audit.replay.at')}
            value={local}
            onChange={(event) => setLocal(event.target.value)}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: 1, 'data-testid': 'replay-at' } }}
          />
          <Button type="submit" variant="outlined">{translate('hotline.audit.replay.apply')}</Button>
        </Stack>
        {asOf !== undefined && <Typography variant="subtitle2" gutterBottom>{translate('hotline.audit.replay.asOf', { time: formatTime(asOf) })}</Typography>}
        {replay.error && <Alert severity="error">{translate('hotline.audit.failed', { message: replay.error.message })}</Alert>}
        {!loaded && !replay.error && <CircularProgress size={24} />}
        {loaded && replay.data.state === null && <Alert severity="info" data-testid="replayed-status" data-event-index={-1}>{translate('hotline.audit.replay.beforeRegistration')}</Alert>}
        {loaded && replay.data.state !== null && <ReplayedAspects state={replay.data.state} now={now.data?.state ?? null} eventIndex={shownIndex} />}
      </CardContent>
    </Card>
  );
};
