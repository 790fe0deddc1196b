// A tiny stand-in for Twilio's REST Calls resource, for tests of outbound calls that post the
// call's webhooks themselves: it takes `POST /2010-04-01/Accounts/{AccountSid}/Calls.json` as
// the real `twilio` client sends it (form-encoded, basic auth) and answers like Twilio (201 and
// the call resource, or Twilio's error body). The local Twilio endpoint (telephony/localTwilio)
// is the full one; this only records what the product asked for.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEST_TWILIO_ACCOUNT_SID, TEST_TWILIO_AUTH_TOKEN } from './twilio';

export interface CallRequest {
  sid: string;
  to: string;
  from: string;
  url: string;
  method: string | null;
  statusCallback: string | null;
  statusCallbackEvents: string[];
  timeout: string | null;
}

export interface TwilioCallsApi {
  url: string;
  /** Every call Twilio accepted, in order. */
  readonly calls: CallRequest[];
  /** Numbers Twilio refuses (400, code 21211 "invalid To number"). */
  readonly refusedNumbers: Set<string>;
  close(): Promise<void>;
}

export const newCallSid = () => `CA${randomBytes(16).toString('hex')}`;

export async function startTwilioCallsApi(): Promise<TwilioCallsApi> {
  const calls: CallRequest[] = [];
  const refusedNumbers = new Set<string>();
  const expectedAuth = `Basic ${Buffer.from(`${TEST_TWILIO_ACCOUNT_SID}:${TEST_TWILIO_AUTH_TOKEN}`).toString('base64')}`;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${TEST_TWILIO_ACCOUNT_SID}/Calls.json`) return reply(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
      if (req.headers.authorization !== expectedAuth) return reply(401, { code: 20003, message: 'Authenticate', status: 401 });
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const to = form.get('To') ?? '';
      if (refusedNumbers.has(to)) return reply(400, { code: 21211, message: `The 'To' number ${to} is not a valid phone number.`, more_info: 'https://www.twilio.com/docs/errors/21211', status: 400 });
      const sid = newCallSid();
      calls.push({ sid, to, from: form.get('From') ?? '', url: form.get('Url') ?? '', method: form.get('Method'), statusCallback: form.get('StatusCallback'), statusCallbackEvents: form.getAll('StatusCallbackEvent'), timeout: form.get('Timeout') });
      const now = new Date().toUTCString();
      reply(201, {
        sid, account_sid: TEST_TWILIO_ACCOUNT_SID, to, to_formatted: to, from: form.get('From'), from_formatted: form.get('From'),
        status: 'queued', direction: 'outbound-api', api_version: '2010-04-01', date_created: now, date_updated: now,
        start_time: null, end_time: null, duration: null, price: null, price_unit: 'USD', answered_by: null, parent_call_sid: null,
        uri: `/2010-04-01/Accounts/${TEST_TWILIO_ACCOUNT_SID}/Calls/${sid}.json`,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    refusedNumbers,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
