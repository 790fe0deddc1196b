// The admin's retries (after fixing the cause): one case's stuck steps, or every stuck step.
// Each asks for a reason (audited) in a form dialog that shows the API's refusals in place
// (409: the step recovered meanwhile, or the case's workflow has closed); the list refreshes.
import ReplayIcon from '@mui/icons-material/Replay';
import { Button, Typography } from '@mui/material';
import { useState } from 'react';
import { TextInput, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { requiredText } from '../../shell/forms/fieldRules';
import { FormDialog } from '../../shell/forms/FormDialog';
import { useApiSubmit } from '../../shell/forms/useApiSubmit';
import type { HotlineDataProvider } from '../../shell/providers/dataProvider';
import type { RetryAllAnswer, StuckStepRow } from './types';

const reasonRule = requiredText(500);

/** Mounted while open, so that each retry starts with an empty reason and no refusal. */
const RetryDialog = ({ onClose, title, perform }: { onClose: () => void; title: string; perform: (reason: string) => Promise<void> }) => {
  const translate = useTranslate();
  const save = useApiSubmit((values) => perform(String(values.reason)), onClose);
  return (
    <FormDialog open onClose={onClose} title={title} save={save} submitLabel="hotline.stuckCases.retry">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {translate('hotline.stuckCases.retryHelp')}
      </Typography>
      <TextInput source="reason" label="hotline.stuckCases.fields.reason" validate={reasonRule} multiline fullWidth autoFocus />
    </FormDialog>
  );
};

/** "Retry" on a row of the list: opens the dialog, which the list holds (a row may leave while it is open). */
export const RetryStepButton = ({ onRetry }: { onRetry: (row: StuckStepRow) => void }) => {
  const translate = useTranslate();
  const record = useRecordContext<StuckStepRow>();
  if (!record || record.resolvedAt !== null) return null;
  return (
    <Button size="small" variant="outlined" startIcon={<ReplayIcon />} onClick={() => onRetry(record)} data-testid="retry-step" sx={{ whiteSpace: 'nowrap' }}>
      {translate('hotline.stuckCases.retry')}
    </Button>
  );
};

/** The retry of one row's case; its refusal (recovered meanwhile, workflow closed) shows in place. */
export const RetryStepDialog = ({ row, onClose }: { row: StuckStepRow; onClose: () => void }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  /** The case or the poll campaign the row's workflow belongs to. */
  const subject = (r: StuckStepRow) =>
    r.pollCampaignId !== null ? translate('hotline.stuckCases.subject.poll', { name: r.pollTitle ?? r.pollCampaignId }) : translate('hotline.stuckCases.subject.case', { id: r.caseId ?? '—' });
  const perform = async (reason: string) => {
    await dataProvider.sendJson(`/api/stuck-cases/${encodeURIComponent(row.id)}/retry`, { reason });
    notify('hotline.stuckCases.retried', { type: 'info', messageArgs: { subject: subject(row) } });
    refresh();
  };
  return <RetryDialog onClose={onClose} title={translate('hotline.stuckCases.retryTitle', { subject: subject(row) })} perform={perform} />;
};

/** "Retry all" above the list. */
export const RetryAllButton = ({ disabled }: { disabled: boolean }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const perform = async (reason: string) => {
    const answer = await dataProvider.sendJson<RetryAllAnswer>('/api/stuck-cases/retry', { reason });
    notify('hotline.stuckCases.retriedAll', { type: 'info', messageArgs: { ...answer } });
    refresh();
  };
  return (
    <>
      <Button size="small" variant="contained" startIcon={<ReplayIcon />} disabled={disabled} onClick={() => setOpen(true)} data-testid="retry-all">
        {translate('hotline.stuckCases.retryAll')}
      </Button>
      {open && <RetryDialog onClose={() => setOpen(false)} title={translate('hotline.stuckCases.retryAllTitle')} perform={perform} />}
    </>
  );
};
