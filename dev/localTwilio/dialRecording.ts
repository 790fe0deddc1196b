// <Dial record>: Twilio records the bridged call (both legs) from the answer, or from the start
// of ringing, in one mixed channel or, "-dual", the parent leg in the first channel and the
// child leg in the second. The recording belongs to the parent call: it is served by the REST
// API like any other and reported to recordingStatusCallback (RecordingSource DialVerb) with the
// parent's CallSid, apart from the call flow.
import { loadCallAudio, dialRecordingWav, SAMPLE_RATE } from './audio';
import type { LocalCall } from './call';
import { postForCall } from './callWebhooks';
import { newSid, rfc2822 } from './sids';
import type { LocalTwilioContext } from './store';
import { methodAttr, type TwimlNode } from './twiml';

export interface DialRecordMode {
  dual: boolean;
  fromRinging: boolean;
}

const RECORD_MODES: Record<string, DialRecordMode | null> = {
  'do-not-record': null,
  false: null,
  // The attribute's older boolean form records from the answer.
  true: { dual: false, fromRinging: false },
  'record-from-answer': { dual: false, fromRinging: false },
  'record-from-answer-dual': { dual: true, fromRinging: false },
  'record-from-ringing': { dual: false, fromRinging: true },
  'record-from-ringing-dual': { dual: true, fromRinging: true },
};

/** The verb's record attribute; undefined for a value Twilio does not know. */
export function dialRecordMode(verb: TwimlNode): DialRecordMode | null | undefined {
  const value = verb.attrs.record;
  if (value === undefined) return null;
  return value in RECORD_MODES ? RECORD_MODES[value] : undefined;
}

/** The recordingStatusCallback and the events it asked for (completed unless told). */
function statusCallbackOf(parent: LocalCall, verb: TwimlNode): { url: string; events: Set<string> } | null {
  const raw = verb.attrs.recordingStatusCallback;
  if (!raw) return null;
  let url: string;
  try {
    url = new URL(raw, parent.documentUrl ?? undefined).toString();
  } catch {
    parent.record('error', { code: 11100, message: `invalid URL: ${raw}` });
    return null;
  }
  const events = new Set((verb.attrs.recordingStatusCallbackEvent ?? 'completed').split(/[\s,]+/).filter(Boolean));
  return { url, events };
}

export interface DialRecordingRun {
  sid: string;
  /** The recording is over (the bridge ended): store it and report it. */
  finish(child: LocalCall, childAudioPath: string | undefined): Promise<void>;
}

/** Starts recording the Dial (at the answer, or at ringing for the -ringing modes). */
export function startDialRecording(context: LocalTwilioContext, parent: LocalCall, verb: TwimlNode, mode: DialRecordMode): DialRecordingRun {
  const sid = newSid('RE');
  const startedAt = new Date();
  const callback = statusCallbackOf(parent, verb);
  const channels = mode.dual ? 2 : 1;
  const method = methodAttr(verb, 'recordingStatusCallbackMethod');
  const base = { AccountSid: context.accountSid, CallSid: parent.sid, RecordingSid: sid, RecordingChannels: String(channels), RecordingStartTime: rfc2822(startedAt), RecordingSource: 'DialVerb', RecordingTrack: 'both' };
  const recordingUrl = `${context.baseUrl()}/2010-04-01/Accounts/${context.accountSid}/Recordings/${sid}`;
  parent.record('dial', { event: 'recording', recordingSid: sid, channels, fromRinging: mode.fromRinging });
  if (callback?.events.has('in-progress')) {
    parent.track(postForCall(context, parent, 'recordingStatus', { url: callback.url, method, params: { ...base, RecordingUrl: recordingUrl, RecordingStatus: 'in-progress', ErrorCode: '0' } }));
  }
  return {
    sid,
    finish: async (child, childAudioPath) => {
      const durationMs = Date.now() - startedAt.getTime();
      // The legs' voices start when the child answers; ringing before it is silence.
      const leadMs = child.answeredAt ? Math.max(0, child.answeredAt.getTime() - startedAt.getTime()) : durationMs;
      const [parentAudio, childAudio] = await Promise.all([
        parent.setup.audioPath ? loadCallAudio(parent.setup.audioPath) : null,
        childAudioPath ? loadCallAudio(childAudioPath) : null,
      ]);
      const sampleCount = Math.round((durationMs / 1000) * SAMPLE_RATE);
      const leadSamples = Math.min(sampleCount, Math.round((leadMs / 1000) * SAMPLE_RATE));
      const delayed = (mulawSamples: Buffer | undefined): Buffer | null => (mulawSamples ? Buffer.concat([Buffer.alloc(leadSamples, 0xff), mulawSamples]) : null);
      const wav = dialRecordingWav(delayed(parentAudio?.mulaw), delayed(childAudio?.mulaw), sampleCount, mode.dual);
      context.store.recordings.set(sid, { sid, callSid: parent.sid, wav, durationMs, createdAt: startedAt, channels, source: 'DialVerb' });
      parent.recordingSids.push(sid);
      parent.record('dial', { event: 'recorded', recordingSid: sid, durationMs, channels });
      if (callback?.events.has('completed')) {
        parent.track(postForCall(context, parent, 'recordingStatus', {
          url: callback.url,
          method,
          params: { ...base, RecordingUrl: recordingUrl, RecordingStatus: 'completed', RecordingDuration: String(Math.round(durationMs / 1000)), ErrorCode: '0' },
        }));
      }
    },
  };
}
