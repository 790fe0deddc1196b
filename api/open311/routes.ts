// /open311: Open311 GeoReport v2 at /open311/v2 and its Service Discovery document. Reads are
// open to anyone, rate-limited per address, and show only the cases the rule open311.publicListing
// makes public (never 举报); POST /requests needs an API key and is rate-limited per key (both
// limits counted in PostgreSQL, shared by every API process). Every answer,
// errors included, is in the format the URL's extension names (.json or .xml).
import express, { Router, type Request, type RequestHandler } from 'express';
import { DEFAULT_OPEN311_JURISDICTION_ID, DEFAULT_OPEN311_POSTS_PER_MINUTE, DEFAULT_OPEN311_READS_PER_MINUTE } from '../../config/env';
import { sharedRateLimit } from '../http/sharedRateLimit';
import { readPublicListing } from './publicListing';
import type { AppDeps } from '../deps';
import { intakeStatus, type IntakeDoorDeps } from '../cases/intake';
import { HttpError } from '../http/errors';
import { idempotencyKeyOf } from '../http/idempotencyKey';
import { apiClientOf, requireApiKey } from './apiKeyAuth';
import { loadServiceCatalog } from './catalog';
import { DISCOVERY_SETTING, discoveryDocument } from './discovery';
import { open311ErrorHandler, open311NotFound } from './errors';
import { sendDocument, splitFormat, type Format } from './format';
import { readServiceRequests } from './read';
import { fileParams, formatParams, jurisdictionQuery, requestWindow, serviceRequestBody, serviceRequestsQuery } from './schemas';
import { open311Submission } from './submit';

export type Open311Deps = Pick<AppDeps, 'prisma' | 'log' | 'now' | 'open311JurisdictionId' | 'open311PostsPerMinute' | 'open311ReadsPerMinute' | 'rateLimitScope' | 'publicBaseUrl'> & IntakeDoorDeps;

function formatParam(req: Request): Format {
  return formatParams.parse({ format: String(req.params.format).toLowerCase() }).format;
}

/** "{id}.json" in the last path segment → the id and the format. */
function resourceParam(req: Request): { id: string; format: Format } {
  const { name, format } = splitFormat(fileParams.parse(req.params).file)!;
  return { id: name, format };
}

/** Reads are public data: web apps of any origin may fetch them (no credentials are involved). */
const publicReadsFromAnyOrigin: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') res.set({ 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' });
  next();
};

/** One endpoint serves one jurisdiction: its id or none is accepted, any other is not found. */
function requireJurisdiction(jurisdictionId: string): RequestHandler {
  return (req, _res, next) => {
    const { jurisdiction_id: asked } = jurisdictionQuery.parse({ jurisdiction_id: (req.body as Record<string, unknown> | undefined)?.jurisdiction_id ?? req.query.jurisdiction_id });
    if (asked !== undefined && asked.toLowerCase() !== jurisdictionId.toLowerCase()) {
      return next(new HttpError(404, 'not_found', `jurisdiction_id ${asked} not found: this endpoint serves ${jurisdictionId}`));
    }
    next();
  };
}

export function open311Routes(deps: Open311Deps): Router {
  const router = Router();
  const now = () => deps.now?.() ?? new Date();
  const submit = open311Submission(deps);
  // Own body parsers, so that their errors (malformed JSON, too large) come out in Open311's format.
  router.use(express.json({ limit: '1mb' }), express.urlencoded({ extended: true, limit: '1mb', parameterLimit: 200 }));
  router.use(publicReadsFromAnyOrigin);
  // Every read, per address: anonymous reads hit the database, and the list is what scrapers want.
  const readsPerAddress = sharedRateLimit(deps, {
    name: 'open311-reads',
    windowMs: 60_000,
    limit: deps.open311ReadsPerMinute ?? DEFAULT_OPEN311_READS_PER_MINUTE,
    message: 'too many Open311 reads from this address; try again in a minute',
  });
  router.use((req, res, next) => (req.method === 'GET' || req.method === 'HEAD' ? readsPerAddress(req, res, next) : next()));

  router.get('/discovery.:format', async (req, res) => {
    const format = formatParam(req);
    const [latest, setting] = await Promise.all([
      deps.prisma.category.aggregate({ _max: { updatedAt: true } }),
      deps.prisma.ruleSetting.findUnique({ where: { key: DISCOVERY_SETTING } }),
    ]);
    const texts = (setting?.value ?? {}) as { contact?: string; keyService?: string };
    const baseUrl = (deps.publicBaseUrl ?? `${req.protocol}://${req.get('host')}`).replace(/\/+$/, '');
    sendDocument(res, format, 200, 'discovery', discoveryDocument({
      baseUrl,
      servicesChangedAt: latest._max.updatedAt ?? new Date(0),
      contact: texts.contact ?? '12345 hotline office',
      keyService: texts.keyService ?? 'Ask the 12345 hotline office for an API key',
    }));
  });

  const v2 = Router();
  v2.use(requireJurisdiction(deps.open311JurisdictionId ?? DEFAULT_OPEN311_JURISDICTION_ID));

  v2.get('/services.:format', async (req, res) => {
    const format = formatParam(req);
    const catalog = await loadServiceCatalog(deps.prisma);
    sendDocument(res, format, 200, 'services', catalog.services.map((entry) => entry.service));
  });

  // No service defines attributes (metadata=false), so a definition is its code and no attributes.
  v2.get('/services/:file', async (req, res) => {
    const { id: code, format } = resourceParam(req);
    const entry = (await loadServiceCatalog(deps.prisma)).byCode(code);
    if (!entry) throw new HttpError(404, 'not_found', `service_code ${code} not found`);
    sendDocument(res, format, 200, 'service_definition', { service_code: entry.service.service_code, attributes: [] });
  });

  const postsPerKey = sharedRateLimit(deps, {
    name: 'open311-posts',
    windowMs: 60_000,
    limit: deps.open311PostsPerMinute ?? DEFAULT_OPEN311_POSTS_PER_MINUTE,
    keyGenerator: (_req, res) => apiClientOf(res).id,
    message: 'too many service requests with this api_key; try again in a minute',
  });

  v2.post('/requests.:format', requireApiKey(deps.prisma), postsPerKey, async (req, res) => {
    const format = formatParam(req);
    const key = idempotencyKeyOf(req);
    const body = serviceRequestBody.parse({ ...req.body });
    const { submitted, outcome } = await submit(body, apiClientOf(res), await loadServiceCatalog(deps.prisma), key);
    sendDocument(res, format, intakeStatus(outcome), 'service_requests', [submitted]);
  });

  v2.get('/requests.:format', async (req, res) => {
    const format = formatParam(req);
    const query = serviceRequestsQuery.parse(req.query);
    const window = query.service_request_id ? null : requestWindow(query, now());
    if (window && 'problem' in window) throw new HttpError(400, 'invalid_request', window.problem);
    const requests = await readServiceRequests(deps.prisma, await loadServiceCatalog(deps.prisma), {
      ids: query.service_request_id, serviceCodes: query.service_code, statuses: query.status, receivedFrom: window?.from, receivedTo: window?.to,
    }, await readPublicListing(deps.prisma));
    res.set('Cache-Control', 'no-store');
    sendDocument(res, format, 200, 'service_requests', requests);
  });

  v2.get('/requests/:file', async (req, res) => {
    const { id, format } = resourceParam(req);
    const requests = /^\d{8,20}$/.test(id) ? await readServiceRequests(deps.prisma, await loadServiceCatalog(deps.prisma), { ids: [id] }, await readPublicListing(deps.prisma)) : [];
    if (requests.length === 0) throw new HttpError(404, 'not_found', `service_request_id ${id} not found`);
    res.set('Cache-Control', 'no-store');
    sendDocument(res, format, 200, 'service_requests', requests);
  });

  router.use('/v2', v2);
  router.use(open311NotFound());
  router.use(open311ErrorHandler(deps.log));
  return router;
}
