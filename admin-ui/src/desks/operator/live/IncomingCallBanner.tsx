// Above every page of the hotline office's desks: each ringing call with the caller's number
// and earlier cases, and a button opening the intake form pre-filled with the number.
import PhoneInTalkIcon from '@mui/icons-material/PhoneInTalk';
import { Alert, AlertTitle, Button, Stack } from '@mui/material';
import { Link } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import { hasAnyRole, useRoles, type Role } from '../../../shell/access/roles';
import { intakePathFor } from '../calls/useMissedCalls';
import { EarlierCaseList } from '../history/EarlierCaseList';
import { useCallerHistory } from '../history/useCallerHistory';
import { useRingingCalls, type RingingCall } from './useRingingCalls';

/** Those who take calls (the API also lets supervisors and admins watch the feed). */
const CALL_TAKERS: readonly Role[] = ['operator', 'dispatcher'];

export const IncomingCallBanner = () => (hasAnyRole(useRoles(), CALL_TAKERS) ? <RingingCalls /> : null);

const RingingCalls = () => {
  const { calls, connected } = useRingingCalls();
  // Always present, so that the feed's state can be read (data-feed) before a call rings.
  return (
    <Stack spacing={1} sx={{ mb: calls.length > 0 ? 1 : 0 }} data-testid="incoming-calls" data-feed={connected ? 'connected' : 'connecting'}>
      {calls.map((call) => <RingingCallAlert key={call.callId} call={call} />)}
    </Stack>
  );
};

const RingingCallAlert = ({ call }: { call: RingingCall }) => {
  const translate = useTranslate();
  // Calls read again after a reconnection come without history: look it up by the number.
  const looked = useCallerHistory(call.callerHistory === undefined ? call.fromNumber : null);
  const history = call.callerHistory ?? looked.cases;
  return (
    <Alert
      severity="info"
      icon={<PhoneInTalkIcon />}
      data-testid="incoming-call"
      data-call-id={call.callId}
      action={
        <Button component={Link} to={intakePathFor(call.fromNumber, call.callId)} variant="contained" size="small" data-testid="incoming-call-register">
          {translate('hotline.operator.banner.register')}
        </Button>
      }
    >
      <AlertTitle>{translate('hotline.operator.banner.ringing', { number: call.fromNumber })}</AlertTitle>
      {history.length === 0 ? translate('hotline.operator.banner.noHistory') : translate('hotline.operator.banner.history', { count: history.length })}
      {history.length > 0 && <EarlierCaseList cases={history.slice(0, 3)} testId="incoming-call-history" />}
    </Alert>
  );
};
