// Plays a call's voicemail: the recording is fetched with the bearer token (an <audio src>
// could not send it) and played from an object URL, released when the player goes.
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { Button, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';
import type { CallDetail } from '../types';

type PlayerState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; url: string } | { kind: 'failed'; message: string };

export const VoicemailPlayer = ({ callId }: { callId: string }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const [state, setState] = useState<PlayerState>({ kind: 'idle' });

  useEffect(() => () => {
    if (state.kind === 'ready') URL.revokeObjectURL(state.url);
  }, [state]);

  const load = async () => {
    setState({ kind: 'loading' });
    try {
      const call = await dataProvider.getJson<CallDetail>(`/api/telephony/calls/${encodeURIComponent(callId)}`);
      const attachment = call.recordings.find((recording) => recording.attachment !== null)?.attachment;
      if (!attachment) {
        setState({ kind: 'failed', message: translate('hotline.operator.calls.noRecording') });
        return;
      }
      const blob = await dataProvider.getBlob(`/api/attachments/${encodeURIComponent(attachment.id)}/content`);
      setState({ kind: 'ready', url: URL.createObjectURL(blob) });
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  if (state.kind === 'ready') return <audio controls autoPlay src={state.url} data-testid="voicemail-audio" style={{ height: 32, maxWidth: 260 }} />;
  if (state.kind === 'failed') return <Typography variant="caption" color="error" role="alert">{state.message}</Typography>;
  return (
    <Button size="small" startIcon={<PlayArrowIcon />} onClick={() => void load()} disabled={state.kind === 'loading'} data-testid="play-voicemail">
      {translate('hotline.operator.calls.play')}
    </Button>
  );
};
