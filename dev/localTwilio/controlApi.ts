// The control API under /_local/ (loopback only, no auth): configure numbers, script phones, place
// simulated calls, send simulated SMS, read what happened. Errors: 400 {error, field, reason}.
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { LocalTwilio } from './localTwilio';
import { LocalTwilioError } from './errors';
import { phoneNumberSchema } from './script';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function controlApi(twilioLocal: LocalTwilio): Router {
  const router = Router();
  router.use((req, res, next) => {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) {
      res.status(403).json({ error: 'forbidden', reason: 'the control API answers loopback clients only' });
      return;
    }
    next();
  });
  router.use(express.json({ limit: '1mb' }));

  router.get('/numbers', (_req, res) => {
    res.json({ numbers: twilioLocal.numbers() });
  });
  router.put('/numbers/:number', (req, res) => {
    res.json(twilioLocal.configureNumber(numberParam(req), req.body ?? {}));
  });

  router.put('/phones/:number', (req, res) => {
    const number = numberParam(req);
    twilioLocal.scriptPhone(number, req.body ?? {});
    res.json({ number, script: twilioLocal.context.store.phones.get(number)?.script });
  });
  router.get('/phones/:number', (req, res) => {
    const phone = twilioLocal.context.store.phones.get(numberParam(req));
    if (!phone) throw new LocalTwilioError(404, 'number', 'this phone has no script (it answers, and takes every message)');
    res.json({ number: req.params.number, ...phone });
  });

  router.post('/calls', (req, res) => {
    const callSid = twilioLocal.placeCall(req.body ?? {});
    res.status(201).json({ callSid, call: twilioLocal.call(callSid) });
  });
  router.get('/calls', (_req, res) => {
    res.json({ calls: twilioLocal.calls().map(({ log: _log, ...summary }) => summary) });
  });
  router.get('/calls/:sid', async (req, res) => {
    const sid = String(req.params.sid);
    const query = z.object({ wait: z.enum(['true', 'false']).optional(), timeoutMs: z.coerce.number().int().min(1).max(600_000).optional() }).parse(req.query);
    if (query.wait === 'true') return void res.json(await twilioLocal.waitForCall(sid, query.timeoutMs));
    const call = twilioLocal.call(sid);
    if (!call) throw new LocalTwilioError(404, 'sid', `no call ${sid}`);
    res.json(call);
  });

  router.post('/messages', async (req, res) => {
    res.status(201).json(await twilioLocal.sendSms(req.body ?? {}));
  });
  router.get('/messages', (req, res) => {
    const to = typeof req.query.to === 'string' ? req.query.to : undefined;
    const from = typeof req.query.from === 'string' ? req.query.from : undefined;
    res.json({ messages: twilioLocal.messages({ ...(to ? { to } : {}), ...(from ? { from } : {}) }) });
  });

  router.get('/rest-requests', (_req, res) => {
    res.json({ requests: twilioLocal.restRequests() });
  });

  // Fault injection: {operation: createMessage|createCall, to?, status?: 429|500|503, count?}.
  router.get('/faults', (_req, res) => {
    res.json({ faults: twilioLocal.faults() });
  });
  router.post('/faults', (req, res) => {
    res.status(201).json(twilioLocal.failRequests(req.body ?? {}));
  });
  router.delete('/faults', (_req, res) => {
    twilioLocal.clearFaults();
    res.status(204).end();
  });

  router.post('/audio', express.raw({ type: () => true, limit: '20mb' }), async (req, res) => {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new LocalTwilioError(400, 'body', 'send the WAV file as the request body');
    res.status(201).json(await twilioLocal.saveAudio(req.body));
  });
  router.post('/audio/speech', async (req, res) => {
    const { text } = z.object({ text: z.string().trim().min(1).max(500) }).strict().parse(req.body ?? {});
    res.status(201).json(await twilioLocal.speak(text));
  });

  router.use((_req, res) => {
    res.status(404).json({ error: 'notFound' });
  });
  router.use((error: unknown, _req: Request, res: Response, _next: express.NextFunction) => {
    if (error instanceof z.ZodError) {
      const issue = error.issues[0];
      res.status(400).json({ error: 'invalidRequest', field: issue?.path.join('.') ?? null, reason: issue?.message ?? 'invalid' });
      return;
    }
    if (error instanceof LocalTwilioError) {
      res.status(error.status).json({ error: error.status === 404 ? 'notFound' : 'invalidRequest', field: error.field, reason: error.message });
      return;
    }
    if ((error as { type?: string }).type === 'entity.parse.failed') {
      res.status(400).json({ error: 'invalidRequest', field: 'body', reason: 'malformed JSON' });
      return;
    }
    twilioLocal.context.log.error({ err: error }, 'local Twilio control API error');
    res.status(500).json({ error: 'internal', reason: (error as Error).message });
  });
  return router;
}

function numberParam(req: Request): string {
  const parsed = phoneNumberSchema.safeParse(String(req.params.number));
  if (!parsed.success) throw new LocalTwilioError(400, 'number', parsed.error.issues[0]?.message ?? 'an E.164 number');
  return parsed.data;
}
