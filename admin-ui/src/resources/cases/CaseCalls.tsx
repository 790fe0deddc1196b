// 通话与录音: the calls filed under the case (taken by an operator, an IVR petition, callbacks,
// a unit's bridge call to the citizen), each with its recordings to play. Units get the
// citizen's number masked by the API (a bridge call never carries it: its number is the handler's).
import { Card, CardContent, Chip, Divider, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useTranslate } from 'react-admin';
import type { CallDetail as ServerCallDetail } from '../../../../api/telephony/answers';
import type { HotlineDataProvider } from '../../shell/providers/dataProvider';
import type { Json } from '../../shell/providers/json';
import { RecordingPlayer } from '../../shell/media/RecordingPlayer';

/** GET /api/cases/:id/calls */
type CaseCall = Json<ServerCallDetail>;

export const CaseCalls = ({ caseId }: { caseId: string }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const { data: calls = [] } = useQuery({
    queryKey: ['caseCalls', caseId],
    queryFn: ({ signal }) => dataProvider.getJson<CaseCall[]>(`/api/cases/${encodeURIComponent(caseId)}/calls`, { signal }),
  });
  if (calls.length === 0) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="subtitle1" component="h3" gutterBottom>{translate('hotline.case.sections.calls')}</Typography>
        <Stack divider={<Divider flexItem />} spacing={1}>
          {calls.map((call) => (
            <Stack key={call.id} direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }} data-testid="case-call" data-call-id={call.id}>
              <Chip size="small" variant="outlined" label={`${translate(`hotline.case.call.direction.${call.direction}`)} · ${translate(`hotline.case.call.purpose.${call.purpose}`)}`} />
              <Typography variant="body2">{call.direction === 'inbound' ? call.fromNumber : call.toNumber}</Typography>
              <Typography variant="caption" color="text.secondary">{new Date(call.startedAt).toLocaleString()}</Typography>
              {call.durationSec !== null && <Typography variant="caption" color="text.secondary">{translate('hotline.case.call.duration', { seconds: call.durationSec })}</Typography>}
              {call.purpose === 'bridge' && call.dialStatus !== null && (
                <Typography variant="caption" data-testid="case-call-dial">{translate(`hotline.case.call.dial.${call.dialStatus}`, { seconds: call.dialDurationSec ?? 0 })}</Typography>
              )}
              {call.recordings.filter((recording) => recording.attachment !== null).map((recording) => (
                <RecordingPlayer key={recording.id} attachmentOf={async () => recording.attachment!.id} label={translate('hotline.case.call.play')} missing={translate('hotline.case.call.noRecording')} testId="case-recording" />
              ))}
            </Stack>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
};
