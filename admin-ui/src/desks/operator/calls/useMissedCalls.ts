// Missed and voicemail calls waiting for a call-back (GET /api/telephony/calls), newest first.
import { useGetList } from 'react-admin';
import type { CallRow } from '../types';

export const CALLS_RESOURCE = 'telephony/calls';

export const useMissedCalls = (perPage: number) =>
  useGetList<CallRow>(CALLS_RESOURCE, { filter: { needsCallback: true }, sort: { field: 'startedAt', order: 'DESC' }, pagination: { page: 1, perPage } });

/** Why the call waits for a call-back. */
export const missedReasonOf = (call: CallRow): 'voicemail' | 'abandoned' | 'missed' =>
  call.purpose === 'voicemail' ? 'voicemail' : call.queuedAt !== null && call.answeredAt === null ? 'abandoned' : 'missed';

/** Whether the caller heard knowledge-base answers on the phone (an IVR path step "knowledge:<id>"). */
export const heardKnowledge = (call: CallRow): boolean => (call.ivrPath ?? '').split('>').some((step) => step.startsWith('knowledge:'));

/** The intake form pre-filled for a phone caller; the case it registers is filed with the call. */
export const intakePathFor = (phone: string, callId: string) => `/intake?${new URLSearchParams({ phone, channel: 'phone', call: callId }).toString()}`;
