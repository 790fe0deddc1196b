// The workflow's raw Temporal event history, every run oldest first: event type and time in a
// table, each event's full JSON on demand.
import { Alert, CircularProgress, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { Fragment, useState } from 'react';
import { useTranslate } from 'react-admin';
import type { CaseRecord } from '../../resources/cases/types';
import { useTemporalHistory, type TemporalEvent } from '../../resources/audit/api';
import { formatTime, temporalEventName } from '../../resources/audit/format';

const EventRow = ({ event }: { event: TemporalEvent }) => {
  const [open, setOpen] = useState(false);
  return (
    <Fragment>
      <TableRow
        hover
        tabIndex={0}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        onKeyDown={(key) => { if (key.key === 'Enter' || key.key === ' ') { key.preventDefault(); setOpen(!open); } }}
        sx={{ cursor: 'pointer' }}
        data-testid="temporal-event"
      >
        <TableCell>{event.eventId}</TableCell>
        <TableCell data-testid="temporal-event-type">{temporalEventName(event.eventType)}</TableCell>
        <TableCell>{formatTime(event.eventTime)}</TableCell>
      </TableRow>
      {open && (
        <TableRow>
          <TableCell colSpan={3} sx={{ bgcolor: 'action.hover' }}>
            <Typography component="pre" variant="body2" sx={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap', wordBreak: 'break-all', m: 0 }} data-testid="temporal-event-json">
              {JSON.stringify(event, null, 2)}
            </Typography>
          </TableCell>
        </TableRow>
      )}
    </Fragment>
  );
};

export const TemporalHistoryTab = ({ record }: { record: CaseRecord }) => {
  const translate = useTranslate();
  const { data, error, isPending } = useTemporalHistory(record.id);
  if (isPending) return <CircularProgress />;
  if (error) return <Alert severity="error">{translate('hotline.audit.failed', { message: error.message })}</Alert>;
  if (!data.available) return <Alert severity="info">{translate('hotline.audit.temporal.unavailable', { reason: data.reason ?? '' })}</Alert>;
  return (
    <Stack spacing={2} data-testid="temporal-history">
      {data.runs.map((run) => (
        <TableContainer key={run.runId} component={Paper}>
          <Typography variant="subtitle2" sx={{ p: 1 }}>{translate('hotline.audit.temporal.run', { runId: run.runId })}</Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('hotline.audit.temporal.eventId')}</TableCell>
                <TableCell>{translate('hotline.audit.temporal.eventType')}</TableCell>
                <TableCell>{translate('hotline.audit.temporal.eventTime')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(run.history.events ?? []).map((event) => <EventRow key={event.eventId} event={event} />)}
            </TableBody>
          </Table>
        </TableContainer>
      ))}
    </Stack>
  );
};
