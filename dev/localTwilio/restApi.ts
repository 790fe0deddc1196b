// Twilio's REST API 2010-04-01, the part the product uses: Messages and Calls (create, fetch,
// list; calls also update), Recordings (fetch, and the WAV media). HTTP Basic auth with the
// AccountSid and auth token; errors as Twilio's JSON {code, message, more_info, status}.
import express, { Router, type Request, type Response } from 'express';
import { startOutboundCall, statusCallbackFrom } from './callFlows';
import { FINAL_STATUSES, type CallJump } from './call';
import { createOutboundMessage } from './messaging';
import { accountPath, callResource, listPage, messageResource, recordingResource } from './resources';
import { E164 } from './sids';
import type { FaultOperation, LocalTwilioContext } from './store';

const REST_LOG_LIMIT = 500;

export class TwilioApiError extends Error {
  constructor(readonly status: number, readonly code: number, message: string) {
    super(message);
  }
}

export function sendTwilioError(res: Response, error: TwilioApiError): void {
  res.status(error.status).json({ code: error.code, message: error.message, more_info: `https://www.twilio.com/docs/errors/${error.code}`, status: error.status });
}

export function restApi(context: LocalTwilioContext): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: '256kb' }));
  router.use(keepExchange(context));

  // Recording media: public, as on accounts without "HTTP auth for media" (Twilio's historic default).
  router.get('/Accounts/:accountSid/Recordings/:file', (req, res, next) => {
    const file = String(req.params.file);
    if (file.endsWith('.json')) return next();
    const sid = file.replace(/\.wav$/, '');
    const recording = context.store.recordings.get(sid);
    if (!recording || req.params.accountSid !== context.accountSid) return sendTwilioError(res, notFound(req));
    res.type('audio/x-wav').set('content-length', String(recording.wav.length)).send(recording.wav);
  });

  router.use('/Accounts/:accountSid', (req, res, next) => {
    const credentials = basicCredentials(req);
    if (!credentials || credentials.user !== context.accountSid || credentials.password !== context.authToken || req.params.accountSid !== context.accountSid) {
      res.set('www-authenticate', 'Basic realm="Twilio API"');
      return sendTwilioError(res, new TwilioApiError(401, 20003, 'Authenticate'));
    }
    next();
  });

  router.post('/Accounts/:accountSid/Messages.json', (req, res) => {
    const form = formOf(req);
    const to = single(form.To);
    failIfInjected(context, 'createMessage', to);
    const from = single(form.From);
    const body = single(form.Body);
    const statusCallback = single(form.StatusCallback);
    if (!to) throw new TwilioApiError(400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to)) throw new TwilioApiError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!from) throw new TwilioApiError(400, 21603, "A 'From' phone number is required.");
    if (!context.store.numbers.has(from)) throw new TwilioApiError(400, 21606, `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`);
    if (!body) throw new TwilioApiError(400, 21602, 'Message body is required.');
    if ([...body].length > 1600) throw new TwilioApiError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    if (statusCallback && !isHttpUrl(statusCallback)) throw new TwilioApiError(400, 21609, `Invalid StatusCallback url: ${statusCallback}`);
    const message = createOutboundMessage(context, {
      from,
      to,
      body,
      direction: 'outbound-api',
      ...(statusCallback ? { statusCallback: { url: statusCallback, method: single(form.StatusCallbackMethod) === 'GET' ? 'GET' : 'POST' } } : {}),
    });
    res.status(201).json(messageResource(context, message));
  });

  router.get('/Accounts/:accountSid/Messages.json', (req, res) => {
    const query = req.query as Record<string, unknown>;
    const items = [...context.store.messages.values()]
      .filter((message) => (!query.To || message.to === query.To) && (!query.From || message.from === query.From))
      .reverse()
      .map((message) => messageResource(context, message));
    res.json(listPage('messages', `${accountPath(context)}/Messages.json`, items, query));
  });

  router.get('/Accounts/:accountSid/Messages/:file', (req, res) => {
    const message = context.store.messages.get(jsonSid(req));
    if (!message) throw notFound(req);
    res.json(messageResource(context, message));
  });

  router.post('/Accounts/:accountSid/Calls.json', (req, res) => {
    const form = formOf(req);
    const to = single(form.To);
    failIfInjected(context, 'createCall', to);
    const from = single(form.From);
    const url = single(form.Url);
    const twiml = single(form.Twiml);
    if (!to) throw new TwilioApiError(400, 21201, "No 'To' number is specified");
    if (!E164.test(to)) throw new TwilioApiError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!from) throw new TwilioApiError(400, 21213, "No 'From' number is specified");
    if (!context.store.numbers.has(from)) throw new TwilioApiError(400, 21210, `The source phone number provided, ${from}, is not yet verified for your account.`);
    if (!url && !twiml) throw new TwilioApiError(400, 21205, 'Url parameter is required.');
    if (url && !isHttpUrl(url)) throw new TwilioApiError(400, 21205, `Url is not a valid URL: ${url}`);
    const statusCallback = single(form.StatusCallback);
    if (statusCallback && !isHttpUrl(statusCallback)) throw new TwilioApiError(400, 21609, `Invalid StatusCallback url: ${statusCallback}`);
    const first: CallJump = twiml ? { kind: 'twiml', twiml } : { kind: 'url', url: url!, method: single(form.Method) === 'GET' ? 'GET' : 'POST' };
    const events = list(form.StatusCallbackEvent).flatMap((event) => event.split(/\s+/)).filter(Boolean);
    const callback = statusCallbackFrom(statusCallback, single(form.StatusCallbackMethod) === 'GET' ? 'GET' : 'POST', events);
    const call = startOutboundCall(context, { from, to, first, ...(callback ? { statusCallback: callback } : {}) });
    res.status(201).json(callResource(context, call));
  });

  router.get('/Accounts/:accountSid/Calls.json', (req, res) => {
    const query = req.query as Record<string, unknown>;
    const items = [...context.store.calls.values()]
      .filter((call) => (!query.To || call.setup.to === query.To) && (!query.From || call.setup.from === query.From) && (!query.Status || call.status === query.Status))
      .reverse()
      .map((call) => callResource(context, call));
    res.json(listPage('calls', `${accountPath(context)}/Calls.json`, items, query));
  });

  router.get('/Accounts/:accountSid/Calls/:file', (req, res) => {
    const call = context.store.calls.get(jsonSid(req));
    if (!call) throw notFound(req);
    res.json(callResource(context, call));
  });

  router.post('/Accounts/:accountSid/Calls/:file', async (req, res) => {
    const call = context.store.calls.get(jsonSid(req));
    if (!call) throw notFound(req);
    const form = formOf(req);
    const status = single(form.Status);
    const url = single(form.Url);
    const twiml = single(form.Twiml);
    if (status && status !== 'completed' && status !== 'canceled') throw new TwilioApiError(400, 21218, `Invalid Status: ${status}`);
    if (url && !isHttpUrl(url)) throw new TwilioApiError(400, 21205, `Url is not a valid URL: ${url}`);
    if (status) {
      // canceled only ends calls not answered yet; completed ends any call.
      const applies = !FINAL_STATUSES.includes(call.status) && (status === 'completed' || call.status !== 'in-progress');
      if (applies) {
        call.record('hangup', { by: 'rest', status });
        call.jump({ kind: 'hangup' });
        await Promise.race([call.finished, new Promise((resolve) => setTimeout(resolve, 5000))]);
      }
    } else if (url || twiml) {
      if (call.status !== 'in-progress') throw new TwilioApiError(400, 21220, 'Call is not in-progress. Cannot redirect.');
      call.record('redirect', { by: 'rest', url: url ?? null, twiml: twiml ?? null });
      call.jump(twiml ? { kind: 'twiml', twiml } : { kind: 'url', url: url!, method: single(form.Method) === 'GET' ? 'GET' : 'POST' });
    }
    res.json(callResource(context, call));
  });

  router.get('/Accounts/:accountSid/Recordings/:file', (req, res) => {
    const recording = context.store.recordings.get(jsonSid(req));
    if (!recording) throw notFound(req);
    res.json(recordingResource(context, recording));
  });

  router.use((req, res) => sendTwilioError(res, notFound(req)));
  router.use((error: unknown, req: Request, res: Response, _next: express.NextFunction) => {
    if (error instanceof TwilioApiError) return sendTwilioError(res, error);
    context.log.error({ err: error, path: req.originalUrl }, 'local Twilio REST error');
    sendTwilioError(res, new TwilioApiError(500, 20500, 'Internal Server Error'));
  });
  return router;
}

/** Twilio's errors for the statuses a fault may answer with. */
const FAULT_ERRORS = {
  429: { code: 20429, message: 'Too Many Requests' },
  500: { code: 20500, message: 'Internal Server Error' },
  503: { code: 20503, message: 'Service Unavailable' },
} as const;

/** Throws Twilio's error if an injected fault takes this request (the oldest matching fault first). */
function failIfInjected(context: LocalTwilioContext, operation: FaultOperation, to: string | undefined): void {
  const faults = context.store.faults;
  const fault = faults.find((f) => f.operation === operation && (f.to === null || f.to === to));
  if (!fault) return;
  fault.failed += 1;
  if (fault.remaining !== null) {
    fault.remaining -= 1;
    if (fault.remaining === 0) faults.splice(faults.indexOf(fault), 1);
  }
  const error = FAULT_ERRORS[fault.status];
  throw new TwilioApiError(fault.status, error.code, error.message);
}

function notFound(req: Request): TwilioApiError {
  return new TwilioApiError(404, 20404, `The requested resource ${req.originalUrl.split('?')[0]} was not found`);
}

function jsonSid(req: Request): string {
  const file = String(req.params.file);
  return file.endsWith('.json') ? file.slice(0, -'.json'.length) : '';
}

function formOf(req: Request): Record<string, string | string[] | undefined> {
  return (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, string | string[] | undefined>;
}

/** Form values may repeat (StatusCallbackEvent); a single field takes the last. */
function single(value: string | string[] | undefined): string | undefined {
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  return last === '' ? undefined : last;
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function isHttpUrl(raw: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(raw).protocol);
  } catch {
    return false;
  }
}

function basicCredentials(req: Request): { user: string; password: string } | null {
  const header = req.header('authorization');
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Keeps each REST request with its answer (bounded), for the control API and tests. */
function keepExchange(context: LocalTwilioContext): express.RequestHandler {
  return (req, res, next) => {
    const send = res.json.bind(res);
    res.json = (payload: unknown) => {
      context.store.restLog.push({ method: req.method, path: req.originalUrl.split('?')[0] ?? '', query: { ...(req.query as Record<string, unknown>) }, body: { ...formOf(req) }, status: res.statusCode, response: payload });
      if (context.store.restLog.length > REST_LOG_LIMIT) context.store.restLog.shift();
      return send(payload);
    };
    next();
  };
}
