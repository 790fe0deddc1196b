// A local stand-in for Twilio's cloud: the REST API the product's real `twilio` client calls, and
// Twilio's side of calls and messages (signed webhooks, TwiML, Media Streams). Started in-process
// by tests and as its own process by `npm start` when no Twilio account is configured.
//
//   const twilioLocal = await startLocalTwilio({ port: 0, accountSid, authToken, webhookBaseUrl: api.url });
//   const sid = twilioLocal.placeCall({ from: '+8613800138000', to: '+8653112345', script: { answers: [{ digits: '2' }] } });
//   const call = await twilioLocal.waitForCall(sid);
import type { Server } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { createLogger } from '../../config/logger';
import { controlApi } from './controlApi';
import { LocalTwilio, type LocalTwilioOptions } from './localTwilio';
import { localPage } from './page';
import { restApi } from './restApi';
import { DEFAULT_TIMING, LocalStore, type LocalTwilioContext } from './store';

export { LocalTwilio, type InboundSmsView, type LocalTwilioOptions, type MessageFilter } from './localTwilio';
export type { CallView, MessageView } from './views';
export type { CallerAnswer, CallScriptInput, PhoneScriptInput, NumberConfigInput, RestFaultInput } from './script';
export type { StreamStats } from './mediaStream';
export type { RestExchange, RestFault, Timing } from './store';
export { LocalTwilioError } from './errors';

export async function startLocalTwilio(options: LocalTwilioOptions): Promise<LocalTwilio> {
  const host = options.host ?? '127.0.0.1';
  const store = new LocalStore();
  let baseUrl = options.publicUrl?.replace(/\/+$/, '') ?? '';
  const context: LocalTwilioContext = {
    accountSid: options.accountSid,
    authToken: options.authToken,
    baseUrl: () => baseUrl,
    timing: { ...DEFAULT_TIMING, ...options.timing },
    store,
    log: options.log ?? createLogger('local-twilio'),
  };
  const app = express();
  app.disable('x-powered-by');
  const audioDir = await mkdtemp(path.join(os.tmpdir(), 'local-twilio-audio-'));
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(options.port, host, () => resolve(listening));
    listening.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const ownUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  baseUrl ||= ownUrl;
  const twilioLocal = new LocalTwilio(server, context, ownUrl, audioDir);
  const webhookBase = options.webhookBaseUrl?.replace(/\/+$/, '');
  for (const number of options.numbers ?? ['+8653112345']) {
    twilioLocal.configureNumber(
      number,
      webhookBase ? { voiceUrl: `${webhookBase}/telephony/voice/incoming`, voiceStatusCallback: `${webhookBase}/telephony/voice/status`, smsUrl: `${webhookBase}/telephony/sms/incoming` } : {},
    );
  }
  app.use('/2010-04-01', restApi(context));
  app.use('/_local', controlApi(twilioLocal));
  app.get('/', (_req, res) => res.type('html').send(localPage(twilioLocal)));
  return twilioLocal;
}
