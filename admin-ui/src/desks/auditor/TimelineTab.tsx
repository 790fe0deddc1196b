// The case's complete timeline from its audit trail: who (user, role, unit), when, what, why,
// and — on demand — what the lifecycle events of that moment changed in the replayed state.
import { Alert, Button, Chip, CircularProgress, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { Fragment, useState } from 'react';
import { useTranslate } from 'react-admin';
import type { CaseRecord } from '../../resources/cases/types';
import { isLifecycleRow, useCaseHistory, useStateDiff, type AuditRow } from '../../resources/audit/api';
import { formatTime, formatValue } from '../../resources/audit/format';
import { UnitLabel } from '../../shell/common/UnitLabel';

/** The state changes made by the events at this row's moment (the replay's unit of time). */
const StateChanges = ({ caseId, at }: { caseId: string; at: string }) => {
  const translate = useTranslate();
  const justBefore = new Date(Date.parse(at) - 1).toISOString();
  const { data, error, isPending } = useStateDiff(caseId, justBefore, at);
  if (isPending) return <CircularProgress size={20} />;
  if (error) return <Alert severity="error">{translate('hotline.audit.failed', { message: error.message })}</Alert>;
  if (data.changes.length === 0) return <Typography variant="body2">{translate('hotline.audit.timeline.noChanges')}</Typography>;
  return (
    <Stack spacing={0.5} data-testid="timeline-changes">
      {data.changes.map((change) => {
        const key = change.path.split('.').at(-1) ?? '';
        return (
          <Typography key={change.path} variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
            <strong>{change.path}</strong>
            {': '}
            {change.kind === 'changed' && `${formatValue(change.before, key)} → ${formatValue(change.after, key)}`}
            {change.kind === 'added' && `${translate('hotline.audit.timeline.added')} ${formatValue(change.after, key)}`}
            {change.kind === 'removed' && `${translate('hotline.audit.timeline.removed')} ${formatValue(change.before, key)}`}
          </Typography>
        );
      })}
    </Stack>
  );
};

const RoleChips = ({ roles }: { roles: string | null }) => {
  const translate = useTranslate();
  if (!roles) return <>{translate('hotline.audit.role.system')}</>;
  return (
    <Stack direction="row" spacing={0.5}>
      {roles.split(',').map((role) => <Chip key={role} size="small" label={translate(`hotline.audit.role.${role}`, { _: role })} />)}
    </Stack>
  );
};

const TimelineRow = ({ caseId, row }: { caseId: string; row: AuditRow }) => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const lifecycle = isLifecycleRow(caseId, row);
  return (
    <Fragment>
      <TableRow data-testid="timeline-row" data-action={row.action}>
        <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTime(row.occurredAt)}</TableCell>
        <TableCell data-testid="timeline-action">{translate(`hotline.audit.action.${row.action}`, { _: row.action })}</TableCell>
        <TableCell>{row.actorId ?? translate('hotline.audit.timeline.system')}</TableCell>
        <TableCell><RoleChips roles={row.actorRole} /></TableCell>
        <TableCell><UnitLabel unitId={row.actorUnitId} /></TableCell>
        <TableCell sx={{ whiteSpace: 'pre-wrap', maxWidth: 320 }}>{row.reason ?? '—'}</TableCell>
        <TableCell>
          {lifecycle ? (
            <Button size="small" onClick={() => setOpen(!open)} aria-expanded={open}>
              {translate(open ? 'hotline.audit.timeline.hideChanges' : 'hotline.audit.timeline.showChanges')}
            </Button>
          ) : (
            <Typography variant="caption" color="text.secondary">{translate('hotline.audit.timeline.notLifecycle')}</Typography>
          )}
        </TableCell>
      </TableRow>
      {open && (
        <TableRow>
          <TableCell colSpan={7} sx={{ bgcolor: 'action.hover' }}><StateChanges caseId={caseId} at={row.occurredAt} /></TableCell>
        </TableRow>
      )}
    </Fragment>
  );
};

export const TimelineTab = ({ record }: { record: CaseRecord }) => {
  const translate = useTranslate();
  const { data, error, isPending } = useCaseHistory(record.id);
  if (isPending) return <CircularProgress />;
  if (error) return <Alert severity="error">{translate('hotline.audit.failed', { message: error.message })}</Alert>;
  if (data.length === 0) return <Alert severity="info">{translate('hotline.audit.timeline.empty')}</Alert>;
  return (
    <TableContainer component={Paper} data-testid="audit-timeline">
      <Table size="small">
        <TableHead>
          <TableRow>
            {(['when', 'action', 'who', 'role', 'unit', 'reason', 'changes'] as const).map((column) => (
              <TableCell key={column}>{translate(`hotline.audit.timeline.${column}`)}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {data.map((row) => <TimelineRow key={row.id} caseId={record.id} row={row} />)}
        </TableBody>
      </Table>
    </TableContainer>
  );
};
