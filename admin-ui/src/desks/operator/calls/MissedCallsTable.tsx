// Missed calls and voicemail: who, when, why, the message to play, and "called back", after
// which the intake form pre-filled with the number is offered.
import PhoneCallbackIcon from '@mui/icons-material/PhoneCallback';
import { Alert, Button, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';
import type { CallRow } from '../types';
import { heardKnowledge, intakePathFor, missedReasonOf, useMissedCalls } from './useMissedCalls';
import { VoicemailPlayer } from './VoicemailPlayer';

export const MissedCallsTable = ({ perPage = 25 }: { perPage?: number }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const { data } = useMissedCalls(perPage);
  const [calledBack, setCalledBack] = useState<CallRow | null>(null);

  const markCalledBack = async (call: CallRow) => {
    try {
      await dataProvider.sendJson(`/api/telephony/calls/${encodeURIComponent(call.id)}/called-back`, {});
      setCalledBack(call);
      refresh();
    } catch (error) {
      notify('hotline.operator.calls.failed', { type: 'error', messageArgs: { message: error instanceof Error ? error.message : String(error) } });
    }
  };

  return (
    <>
      {calledBack !== null && (
        <Alert
          severity="success"
          data-testid="called-back"
          action={
            <Button component={Link} to={intakePathFor(calledBack.fromNumber, calledBack.id)} size="small" data-testid="register-from-call">
              {translate('hotline.operator.calls.register')}
            </Button>
          }
        >
          {translate('hotline.operator.calls.calledBack')}：{calledBack.fromNumber}
        </Alert>
      )}
      {data !== undefined && data.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>{translate('hotline.operator.calls.none')}</Typography>
      ) : (
        <Table size="small" data-testid="missed-calls">
          <TableHead>
            <TableRow>
              <TableCell>{translate('hotline.operator.calls.caller')}</TableCell>
              <TableCell>{translate('hotline.operator.calls.time')}</TableCell>
              <TableCell>{translate('hotline.operator.calls.reason')}</TableCell>
              <TableCell>{translate('hotline.operator.calls.voicemail')}</TableCell>
              <TableCell>{translate('hotline.operator.calls.actions')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(data ?? []).map((call) => (
              <TableRow key={call.id} data-testid="missed-call" data-call-id={call.id}>
                <TableCell>{call.fromNumber}</TableCell>
                <TableCell>{new Date(call.startedAt).toLocaleString()}</TableCell>
                <TableCell>
                  {translate(`hotline.operator.calls.reasons.${missedReasonOf(call)}`)}
                  {heardKnowledge(call) && <Chip size="small" variant="outlined" sx={{ ml: 1 }} label={translate('hotline.operator.calls.heardKnowledge')} data-testid="heard-knowledge" />}
                </TableCell>
                <TableCell>{call.purpose === 'voicemail' && <VoicemailPlayer callId={call.id} />}</TableCell>
                <TableCell>
                  <Button size="small" startIcon={<PhoneCallbackIcon />} onClick={() => void markCalledBack(call)} data-testid="mark-called-back">
                    {translate('hotline.operator.calls.callBack')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
};
