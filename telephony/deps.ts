// What the API and the worker need to talk to Twilio (or the local endpoint standing in for it).
import type { Env } from '../config/env';
import { createTwilioClient, TWILIO_CLOUD_API_BASE_URL, type TwilioClient } from './twilioClient';

export interface TelephonyDeps {
  /** Checks the X-Twilio-Signature of webhooks; also what the client authenticates with. */
  authToken: string;
  client: TwilioClient;
  /**
   * The base URL the client sends its REST requests to (Twilio's cloud: https://api.twilio.com;
   * locally the stand-in's). Recordings are downloaded, with the account's credentials, from
   * this origin only.
   */
  apiBaseUrl: string;
  /** The hotline's number: SMS sender and caller ID of outbound calls. */
  fromNumber: string;
}

export function telephonyDeps(env: Env): TelephonyDeps {
  return {
    authToken: env.TWILIO_AUTH_TOKEN,
    client: createTwilioClient({ accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, apiBaseUrl: env.twilioApiBaseUrl }),
    apiBaseUrl: env.twilioApiBaseUrl ?? TWILIO_CLOUD_API_BASE_URL,
    fromNumber: env.TWILIO_FROM_NUMBER,
  };
}
