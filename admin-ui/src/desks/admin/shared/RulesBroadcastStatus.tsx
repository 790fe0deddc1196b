// How far the telling of open cases has come after a change to the calendar, a policy or a rule
// setting (GET /api/rules-broadcast): a bar while cases are told, the error and the next try when
// a pass stopped, and for admins "tell the open cases again" (with a reason, audited).
import { Alert, Box, Button, LinearProgress, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { TextInput, useDataProvider, useNotify, useTranslate } from 'react-admin';
import { requiredText } from '../../../shell/forms/fieldRules';
import type { RulesBroadcastStatus as Status } from '../../../../../api/rulesBroadcast/routes';
import { useRoles } from '../../../shell/access/roles';
import { FormDialog } from '../../../shell/forms/FormDialog';
import { useApiSubmit } from '../../../shell/forms/useApiSubmit';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';
import type { Json } from '../../../shell/providers/json';

const KEY = ['hotline', 'rules-broadcast'];

/** After a change: the status is read again at once (and then followed while it runs). */
export const useRulesBroadcastRequested = () => {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: KEY });
};

const useRulesBroadcast = () => {
  const dataProvider = useDataProvider<HotlineDataProvider>();
  return useQuery({
    queryKey: KEY,
    // 404 (no broadcast yet) and 503 (Temporal down) show as nothing to report.
    queryFn: ({ signal }) => dataProvider.getJson<Json<Status>>('/api/rules-broadcast', { signal }).catch(() => null),
    refetchInterval: (query) => (query.state.data?.progress?.state === 'done' ? 15_000 : 2_000),
  });
};

const TellAgainButton = () => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const notify = useNotify();
  const requested = useRulesBroadcastRequested();
  const [open, setOpen] = useState(false);
  const save = useApiSubmit(
    (values) => dataProvider.sendJson('/api/rules-broadcast', { reason: values.reason }),
    () => {
      requested();
      notify('hotline.admin.rulesBroadcast.requested', { type: 'info' });
      setOpen(false);
    },
  );
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="rules-broadcast-again">
        {translate('hotline.admin.rulesBroadcast.again')}
      </Button>
      <FormDialog open={open} onClose={() => setOpen(false)} title={translate('hotline.admin.rulesBroadcast.again')} save={save} maxWidth="xs">
        <Typography variant="body2" sx={{ mb: 1 }}>{translate('hotline.admin.rulesBroadcast.againHelp')}</Typography>
        <TextInput source="reason" label="hotline.admin.fields.reason" validate={requiredText(500)} multiline fullWidth autoFocus />
      </FormDialog>
    </>
  );
};

export const RulesBroadcastStatus = () => {
  const translate = useTranslate();
  const isAdmin = useRoles().includes('admin');
  const { data } = useRulesBroadcast();
  const progress = data?.progress;
  if (!progress) return null;
  const action = isAdmin ? <TellAgainButton /> : undefined;
  const counts = { told: progress.told, total: progress.total ?? '—', pass: progress.pass };
  if (progress.state === 'waiting') {
    return (
      <Alert severity="warning" action={action} data-testid="rules-broadcast">
        {translate('hotline.admin.rulesBroadcast.waiting', { ...counts, error: progress.error ?? '', retryAt: progress.retryAt ? new Date(progress.retryAt).toLocaleString() : '—' })}
      </Alert>
    );
  }
  if (progress.state === 'running') {
    return (
      <Alert severity="info" action={action} data-testid="rules-broadcast">
        {translate('hotline.admin.rulesBroadcast.running', counts)}
        <Box sx={{ mt: 1, minWidth: 240 }}>
          <LinearProgress variant={progress.total ? 'determinate' : 'indeterminate'} value={progress.total ? Math.min(100, (100 * progress.told) / progress.total) : undefined} />
        </Box>
      </Alert>
    );
  }
  return (
    <Alert severity="success" action={action} data-testid="rules-broadcast">
      {translate('hotline.admin.rulesBroadcast.done', { told: progress.told, finishedAt: progress.finishedAt ? new Date(progress.finishedAt).toLocaleString() : '—', change: translate(`hotline.admin.rulesBroadcast.change.${progress.lastRequest.change}`, { subject: progress.lastRequest.subject }) })}
    </Alert>
  );
};
