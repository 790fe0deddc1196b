// 电话联系市民（隐号）: a unit user whose unit handles the case (a live lead or assist assignment)
// has the hotline call their phone and then the citizen, who sees the hotline's number. The
// citizen's number never reaches the console; the call appears in 通话与录音 once placed. The
// line under the button tells it apart from 记录联系市民 (recording a contact made otherwise).
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import PhoneForwardedIcon from '@mui/icons-material/PhoneForwarded';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useDataProvider, useNotify, useTranslate } from 'react-admin';
import { apiRefusalOf, refusalText, type RefusalText } from '../../shell/providers/apiRefusal';
import { RefusalAlert } from '../../shell/forms/RefusalAlert';
import type { HotlineDataProvider } from '../../shell/providers/dataProvider';
import type { HotlineIdentity } from '../../shell/providers/authProvider';
import { hasAnyRole } from '../../shell/access/roles';
import type { CaseRecord } from './types';

/** Assignments still being worked on: not returned, withdrawn or completed (as the API counts them). */
const LIVE_ASSIGNMENT_STATUSES = ['dispatched', 'signed', 'returnRequested', 'subDispatched', 'opinionSubmitted', 'resultSubmitted'];

export const canCallCitizen = (record: CaseRecord, identity: HotlineIdentity): boolean =>
  hasAnyRole(identity.roles, ['unitHandler', 'unitLeader']) &&
  (record.assignments ?? []).some((a) => a.unitId === identity.unitId && (a.role === 'lead' || a.role === 'assist') && LIVE_ASSIGNMENT_STATUSES.includes(a.status));

export const CaseBridgeCall = ({ record, identity }: { record: CaseRecord; identity: HotlineIdentity }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const [open, setOpen] = useState(false);
  const [phone, setPhone] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<{ text: RefusalText; fields: Record<string, string> } | null>(null);
  const [sending, setSending] = useState(false);
  const { data: me } = useQuery({
    queryKey: ['me'],
    queryFn: ({ signal }) => dataProvider.getJson<{ phone: string | null }>('/auth/me', { signal }),
    enabled: open,
  });
  if (!canCallCitizen(record, identity)) return null;
  const shownPhone = phone ?? me?.phone ?? '';

  const send = async () => {
    setSending(true);
    setRefusal(null);
    try {
      await dataProvider.sendJson(`/api/cases/${encodeURIComponent(record.id)}/bridge-calls`, { ...(shownPhone.trim() ? { phone: shownPhone.trim() } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) });
      setOpen(false);
      notify('hotline.case.bridgeCall.placed', { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ['caseCalls', record.id] });
    } catch (error) {
      const refused = apiRefusalOf(error);
      setRefusal({ text: refusalText(translate, refused), fields: refused.fields });
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
        <Button variant="outlined" startIcon={<PhoneForwardedIcon />} onClick={() => setOpen(true)} data-testid="bridge-call-open">
          {translate('hotline.case.bridgeCall.button')}
        </Button>
        <Typography variant="body2" color="text.secondary" data-testid="bridge-call-hint">{translate('hotline.case.bridgeCall.hint')}</Typography>
      </Stack>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>{translate('hotline.case.bridgeCall.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ mt: 1 }}>
            <Alert severity="info">{translate('hotline.case.bridgeCall.explain')}</Alert>
            <RefusalAlert refusal={refusal?.text ?? null} testId="bridge-call-refusal" />
            <TextField
              label={translate('hotline.case.bridgeCall.phone')}
              value={shownPhone}
              onChange={(event) => setPhone(event.target.value)}
              error={Boolean(refusal?.fields.phone)}
              helperText={refusal?.fields.phone ?? translate('hotline.case.bridgeCall.phoneHelp')}
              slotProps={{ htmlInput: { 'data-testid': 'bridge-call-phone' } }}
            />
            <TextField label={translate('hotline.case.bridgeCall.reason')} value={reason} onChange={(event) => setReason(event.target.value)} multiline minRows={2} slotProps={{ htmlInput: { 'data-testid': 'bridge-call-reason' } }} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" onClick={() => void send()} disabled={sending} data-testid="bridge-call-send">{translate('hotline.case.bridgeCall.send')}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
