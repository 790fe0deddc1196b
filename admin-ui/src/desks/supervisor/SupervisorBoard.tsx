// The supervisor's board: open yellow and red cases grouped by lead unit, with each unit's
// count per light, every case's escalation level, and a link to the case. Red as the clock has
// it: a case past a deadline whose alarm has not run yet comes from a list of its own
// (rules/supervisorBoard.ts).
import { Alert, Card, CardContent, CardHeader, Chip, Grid, LinearProgress, Link as MuiLink, Stack, Typography } from '@mui/material';
import { Link } from 'react-router-dom';
import { useGetList, useTranslate } from 'react-admin';
import { UnitLabel } from '../../shell/common/UnitLabel';
import { CaseStatusChip } from '../../resources/cases/fields/CaseStatusField';
import { TimeLeftText } from '../../resources/cases/fields/TimeLeftField';
import { WarningLight } from '../../resources/cases/fields/WarningLightField';
import type { CaseRecord } from '../../resources/cases/types';
import { SUPERVISOR_BOARD_FIELDS, SUPERVISOR_BOARD_LISTS } from '../../../../rules/supervisorBoard';

/** The API's largest page; the most urgent come first. */
const BOARD_LIMIT = 500;

interface UnitGroup {
  unitId: string | null;
  cases: CaseRecord[];
  red: number;
  yellow: number;
}

const byUnit = (cases: CaseRecord[]): UnitGroup[] => {
  const groups = new Map<string | null, UnitGroup>();
  for (const record of cases) {
    const group = groups.get(record.leadUnitId) ?? { unitId: record.leadUnitId, cases: [], red: 0, yellow: 0 };
    group.cases.push(record);
    if (record.warningLevel === 'red') group.red += 1;
    if (record.warningLevel === 'yellow') group.yellow += 1;
    groups.set(record.leadUnitId, group);
  }
  return [...groups.values()].sort((a, b) => b.red - a.red || b.yellow - a.yellow);
};

const EscalationChip = ({ level }: { level: number }) => {
  const translate = useTranslate();
  const color = level >= 3 ? 'error' : level === 2 ? 'warning' : level === 1 ? 'info' : 'default';
  return <Chip size="small" color={color} variant={level === 0 ? 'outlined' : 'filled'} label={translate(`hotline.supervision.escalation.${level}`)} data-escalation={level} />;
};

const BoardCase = ({ record }: { record: CaseRecord }) => (
  <Stack direction="row" spacing={1} sx={{ alignItems: 'center', py: 0.5 }} data-testid={`board-case-${record.id}`} data-warning={record.warningLevel}>
    <WarningLight level={record.warningLevel} />
    <MuiLink component={Link} to={`/cases/${record.id}/show`} sx={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
      {record.title}
    </MuiLink>
    <CaseStatusChip status={record.status} />
    <TimeLeftText timeLeft={record.timeLeft} />
    <EscalationChip level={record.escalationLevel} />
  </Stack>
);

const UnitCard = ({ group }: { group: UnitGroup }) => {
  const translate = useTranslate();
  return (
    <Card variant="outlined" data-testid={`board-unit-${group.unitId ?? 'none'}`}>
      <CardHeader
        title={group.unitId === null ? translate('hotline.supervision.board.noLeadUnit') : <UnitLabel unitId={group.unitId} />}
        slotProps={{ title: { variant: 'subtitle1', component: 'h3' } }}
        action={
          <Stack direction="row" spacing={0.5}>
            {group.red > 0 && <Chip size="small" color="error" label={translate('hotline.supervision.board.red', { count: group.red })} data-testid="board-unit-red" />}
            {group.yellow > 0 && <Chip size="small" color="warning" label={translate('hotline.supervision.board.yellow', { count: group.yellow })} data-testid="board-unit-yellow" />}
          </Stack>
        }
        sx={{ pb: 0 }}
      />
      <CardContent sx={{ pt: 1 }}>
        {group.cases.map((record) => <BoardCase key={record.id} record={record} />)}
      </CardContent>
    </Card>
  );
};

const useBoardList = (filter: object) =>
  useGetList<CaseRecord>('cases', { filter, pagination: { page: 1, perPage: BOARD_LIMIT }, sort: { field: 'handleDueAt', order: 'ASC' }, meta: { fields: SUPERVISOR_BOARD_FIELDS } });

/** Both lists as one: the cases still waiting for their alarm first (the clock has lit them; past due ones are red). */
const useBoardCases = () => {
  const [litList, pastDueList] = SUPERVISOR_BOARD_LISTS;
  const lit = useBoardList(litList.filter);
  const pastDue = useBoardList(pastDueList.filter);
  const data = lit.data && pastDue.data ? [...pastDue.data, ...lit.data] : undefined;
  const total = lit.total !== undefined && pastDue.total !== undefined ? lit.total + pastDue.total : undefined;
  return { data, total, isPending: lit.isPending || pastDue.isPending, error: lit.error ?? pastDue.error };
};

export const SupervisorBoard = () => {
  const translate = useTranslate();
  const { data, total, isPending, error } = useBoardCases();
  return (
    <Card data-testid="supervisor-board">
      <CardHeader title={translate('hotline.supervision.board.title')} subheader={translate('hotline.supervision.board.hint')} slotProps={{ title: { variant: 'h6', component: 'h2' } }} />
      <CardContent sx={{ pt: 0 }}>
        {isPending && <LinearProgress />}
        {error && <Alert severity="error">{translate('hotline.audit.failed', { message: error.message })}</Alert>}
        {data && data.length === 0 && <Typography variant="body2" color="text.secondary">{translate('hotline.supervision.board.empty')}</Typography>}
        {data && total !== undefined && total > data.length && (
          <Alert severity="info" sx={{ mb: 1 }}>{translate('hotline.supervision.board.truncated', { shown: data.length, total })}</Alert>
        )}
        <Grid container spacing={2}>
          {byUnit(data ?? []).map((group) => (
            <Grid key={group.unitId ?? 'none'} size={{ xs: 12, md: 6 }}>
              <UnitCard group={group} />
            </Grid>
          ))}
        </Grid>
      </CardContent>
    </Card>
  );
};
