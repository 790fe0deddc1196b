// The Twilio account the tests use, against the local Twilio-compatible endpoint (never the
// cloud), and a way to post a webhook signed as Twilio signs it.
import twilio from 'twilio';
import type { OutboundTelephony } from '../../activities/deps';
import type { TelephonyDeps } from '../../telephony/deps';
import { createTwilioClient } from '../../telephony/twilioClient';

export const TEST_TWILIO_ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const TEST_TWILIO_AUTH_TOKEN = 'test-twilio-auth-token-0123456789';
export const TEST_HOTLINE_NUMBER = '+8653112345';

/**
 * Telephony deps for the API or a worker. Without `apiBaseUrl` the client points at a closed
 * port: tests that do not run the local endpoint see sends fail (and Temporal retry them).
 */
export function testTelephony(apiBaseUrl = 'http://127.0.0.1:1'): TelephonyDeps {
  return {
    authToken: TEST_TWILIO_AUTH_TOKEN,
    client: createTwilioClient({ accountSid: TEST_TWILIO_ACCOUNT_SID, authToken: TEST_TWILIO_AUTH_TOKEN, apiBaseUrl }),
    apiBaseUrl,
    fromNumber: TEST_HOTLINE_NUMBER,
  };
}

export function testOutboundTelephony(webhookBaseUrl: string, apiBaseUrl?: string): OutboundTelephony {
  const { authToken: _token, apiBaseUrl: _base, ...outbound } = testTelephony(apiBaseUrl);
  return { ...outbound, webhookBaseUrl };
}

/** Posts form parameters to a webhook URL with a valid (or a deliberately given) signature. */
export async function postSignedWebhook(url: string, params: Record<string, string>, options: { signature?: string } = {}): Promise<Response> {
  const signature = options.signature ?? twilio.getExpectedTwilioSignature(TEST_TWILIO_AUTH_TOKEN, url, params);
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params).toString() });
}
