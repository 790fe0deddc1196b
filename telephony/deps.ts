// What the API and the worker need to talk to Twilio (or the local endpoint standing in for it).
import type { Env } from '../config/env';
import { createTwilioClient, type TwilioClient } from './twilioClient';

export interface TelephonyDeps {
  /** Checks the X-Twilio-Signature of webhooks; also what the client authenticates with. */
  authToken: string;
  client: TwilioClient;
  /** The hotline's number: SMS sender and caller ID of outbound calls. */
  fromNumber: string;
}

export function telephonyDeps(env: Env): TelephonyDeps {
  return {
    authToken: env.TWILIO_AUTH_TOKEN,
    client: createTwilioClient({ accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, apiBaseUrl: env.twilioApiBaseUrl }),
    fromNumber: env.TWILIO_FROM_NUMBER,
  };
}
