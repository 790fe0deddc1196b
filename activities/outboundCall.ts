// One outbound call placed through Twilio's REST API with the real client, as the survey calls
// (回访) and the opinion polls (民意调查) place theirs: Twilio fetches `urls.call` when the citizen
// picks up and posts the call's progress to `urls.status`; it rings RING_SECONDS, short of voicemail.
import type { OutboundTelephony } from './deps';

/** How long an outbound call rings before Twilio gives up (no-answer); short of voicemail. */
const RING_SECONDS = 30;

export type OutboundCallResult =
  | { status: 'placed'; call: { sid: string; status: string } }
  /** Twilio answered and refused this call (bad number, unverified caller ID …): retrying would be refused again. */
  | { status: 'refused'; reason: string };

/** Places the call; network errors, 429 and 5xx are thrown, for Temporal's retries. */
export async function placeOutboundCall(telephony: OutboundTelephony, to: string, urls: { call: string; status: string }): Promise<OutboundCallResult> {
  try {
    const call = await telephony.client.calls.create({
      to,
      from: telephony.fromNumber,
      url: urls.call,
      method: 'POST',
      statusCallback: urls.status,
      statusCallbackMethod: 'POST',
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
      timeout: RING_SECONDS,
    });
    return { status: 'placed', call: { sid: call.sid, status: call.status } };
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500 && status !== 429) {
      return { status: 'refused', reason: `${(error as { code?: number }).code ?? status}: ${(error as Error).message}` };
    }
    throw error;
  }
}
