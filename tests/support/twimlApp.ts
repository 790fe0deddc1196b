// A tiny TwiML application for tests of the local Twilio endpoint: records every webhook with
// whether its X-Twilio-Signature validates, and answers with the TwiML a test registered.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import twilio from 'twilio';
import { TEST_TWILIO_AUTH_TOKEN } from './twilio';

export interface ReceivedWebhook {
  path: string;
  method: string;
  params: Record<string, string>;
  signatureValid: boolean;
  atMs: number;
}

export type TwimlHandler = (params: Record<string, string>) => string | { toString(): string } | { status: number };

export interface TwimlApp {
  url: string;
  server: Server;
  received: ReceivedWebhook[];
  /** Answers POSTs (and GETs) to `path` with the handler's TwiML; unrouted paths answer 200 with nothing. */
  route(path: string, handler: TwimlHandler): void;
  receivedAt(path: string): ReceivedWebhook[];
  close(): Promise<void>;
}

export async function startTwimlApp(): Promise<TwimlApp> {
  const handlers = new Map<string, TwimlHandler>();
  const received: ReceivedWebhook[] = [];
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  let url = '';
  app.all('/{*rest}', (req, res) => {
    const params = (req.method === 'POST' ? req.body : req.query) as Record<string, string>;
    const fullUrl = url + req.originalUrl;
    const signature = req.header('x-twilio-signature') ?? '';
    const signatureValid = twilio.validateRequest(TEST_TWILIO_AUTH_TOKEN, signature, fullUrl, req.method === 'POST' ? params : {});
    received.push({ path: req.path, method: req.method, params: { ...params }, signatureValid, atMs: Date.now() });
    const handler = handlers.get(req.path);
    if (!handler) return void res.status(200).type('text/plain').send('');
    const answer = handler(params);
    if (typeof answer === 'object' && 'status' in answer) return void res.status(answer.status).send('');
    res.type('text/xml').send(answer.toString());
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    received,
    route: (path, handler) => void handlers.set(path, handler),
    receivedAt: (path) => received.filter((webhook) => webhook.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
