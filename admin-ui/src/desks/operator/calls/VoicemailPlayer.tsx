// Plays a call's voicemail: its first recording that has arrived.
import { useDataProvider, useTranslate } from 'react-admin';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';
import { RecordingPlayer } from '../../../shell/media/RecordingPlayer';
import type { CallDetail } from '../types';

export const VoicemailPlayer = ({ callId }: { callId: string }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const attachmentOf = async () => {
    const call = await dataProvider.getJson<CallDetail>(`/api/telephony/calls/${encodeURIComponent(callId)}`);
    return call.recordings.find((recording) => recording.attachment !== null)?.attachment?.id ?? null;
  };
  return <RecordingPlayer attachmentOf={attachmentOf} label={translate('hotline.operator.calls.play')} missing={translate('hotline.operator.calls.noRecording')} testId="voicemail" />;
};
