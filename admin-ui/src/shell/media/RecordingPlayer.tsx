// Plays a call recording: the audio is fetched with the bearer token (an <audio src> could not
// send it) and played from an object URL, released when the player goes. `attachmentOf` finds
// the recording's attachment when asked (null: none has arrived yet).
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { Button, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useDataProvider } from 'react-admin';
import type { HotlineDataProvider } from '../providers/dataProvider';

type PlayerState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; url: string } | { kind: 'failed'; message: string };

export interface RecordingPlayerProps {
  attachmentOf: () => Promise<string | null>;
  label: string;
  /** Shown when `attachmentOf` finds none. */
  missing: string;
  testId: string;
}

export const RecordingPlayer = ({ attachmentOf, label, missing, testId }: RecordingPlayerProps) => {
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const [state, setState] = useState<PlayerState>({ kind: 'idle' });

  useEffect(() => () => {
    if (state.kind === 'ready') URL.revokeObjectURL(state.url);
  }, [state]);

  const load = async () => {
    setState({ kind: 'loading' });
    try {
      const attachmentId = await attachmentOf();
      if (attachmentId === null) {
        setState({ kind: 'failed', message: missing });
        return;
      }
      const blob = await dataProvider.getBlob(`/api/attachments/${encodeURIComponent(attachmentId)}/content`);
      setState({ kind: 'ready', url: URL.createObjectURL(blob) });
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  if (state.kind === 'ready') return <audio controls autoPlay src={state.url} data-testid={`${testId}-audio`} style={{ height: 32, maxWidth: 260 }} />;
  if (state.kind === 'failed') return <Typography variant="caption" color="error" role="alert">{state.message}</Typography>;
  return (
    <Button size="small" startIcon={<PlayArrowIcon />} onClick={() => void load()} disabled={state.kind === 'loading'} data-testid={`play-${testId}`}>
      {label}
    </Button>
  );
};
