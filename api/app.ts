// The Express application: security headers, request logs, JSON bodies, routes, the citizen
// pages and the admin console's static files, and one error shape.
import { existsSync } from 'node:fs';
import path from 'node:path';
import cors from 'cors';
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { PROJECT_ROOT } from '../config/env';
import { errorHandler } from './http/errorHandler';
import { serverSpans } from './http/serverSpans';
import { HttpError } from './http/errors';
import { routePatternOf, type Mount } from './http/routeTable';
import { openApiRoutes } from './openapi/routes';
import { identityMasking } from './privacy/maskResponses';
import { paperRoutes } from './papers/routes';
import { attachmentRoutes, caseAttachmentRoutes } from './attachments/routes';
import { auditRoutes } from './audit/routes';
import { calendarRoutes } from './calendar/routes';
import { apiClientRoutes } from './apiClients/routes';
import { stuckCaseRoutes } from './stuckCases/routes';
import { caseRoutes } from './cases/routes';
import { caseIntake, type CaseIntake } from './cases/intake';
import { IDEMPOTENCY_KEY_HEADER } from './http/idempotencyKey';
import { caseReplayRoutes } from './caseReplay/routes';
import { codecRoutes } from './codec/routes';
import { open311Routes } from './open311/routes';
import { publicRoutes } from './public/routes';
import { caseTypeRoutes } from './caseTypes/routes';
import { categoryRoutes } from './categories/routes';
import { knowledgeRoutes } from './knowledge/routes';
import { policyRoutes } from './policies/routes';
import { ruleSettingRoutes } from './ruleSettings/routes';
import { rulesBroadcastRoutes } from './rulesBroadcast/routes';
import { templateRoutes } from './templates/routes';
import { unitRoutes } from './units/routes';
import { userRoutes } from './users/routes';
import { authRoutes } from './auth/routes';
import { installSessionGuard, SessionGuard } from './auth/sessionGuard';
import { healthRoutes } from './health/routes';
import { telephonyRoutes } from './twilio/routes';
import { caseCallRoutes, telephonyConsoleRoutes } from './telephony/routes';
import { bridgeCallRoutes } from './cases/bridgeCalls';
import { caseMessageRoutes } from './telephony/caseMessages';
import { smsDraftRoutes } from './telephony/smsDrafts';
import { blockedCallerRoutes } from './telephony/blockedCallers';
import { pollRoutes } from './polls/routes';
import { statisticsRoutes } from './statistics/routes';
import { hotspotRoutes } from './statistics/hotspotRoutes';
import { repeatComplaintRoutes } from './statistics/repeatComplaintRoutes';
import { reportRoutes } from './statistics/reportRoutes';
import { callCentreRoutes } from './statistics/callCentreRoutes';
import type { AppDeps } from './deps';
import { requestDurations } from './metrics/requestDurations';

/** The app's intake, which the server closes when it stops. */
export function intakeOf(app: Express): CaseIntake | undefined {
  return app.locals.intake as CaseIntake | undefined;
}

export const DEFAULT_ADMIN_UI_DIR = path.join(PROJECT_ROOT, 'admin-ui', 'dist');
export const DEFAULT_CITIZEN_UI_DIR = path.join(PROJECT_ROOT, 'citizen-ui');

/** Public petitions are short; anything bigger from an anonymous sender is refused early. */
const PUBLIC_BODY_LIMIT = '32kb';

/** Request URLs as logged: link tokens, lookup checks and Open311 api_keys are credentials. */
export function loggableUrl(url: string): string {
  return url
    .replace(/^\/public\/links\/[^/?]+/, '/public/links/[token]')
    .replace(/([?&]check=)[^&]*/, '$1[redacted]')
    .replace(/([?&]api_key=)[^&#]*/gi, '$1[redacted]');
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  const mounts: Mount[] = [];
  // Metrics and spans name a request by the route it matched, never its raw path.
  const patternOf = routePatternOf(mounts);
  // First, so that a request's time includes every middleware.
  if (deps.metrics) app.use(requestDurations(deps.metrics, patternOf));
  // Whose X-Forwarded-For is believed: req.ip (and so every per-address limit) depends on it.
  app.set('trust proxy', deps.trustProxy ?? 'loopback');
  // First, so that the span covers the whole request and everything it calls runs inside it.
  if (deps.tracer) app.use(serverSpans(deps.tracer, patternOf));
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Material UI (emotion) injects <style> elements at run time.
        directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:', 'blob:'], 'media-src': ["'self'", 'blob:'] },
      },
    }),
  );
  app.use(
    pinoHttp({
      logger: deps.log,
      autoLogging: { ignore: (req) => req.url === '/healthz' },
      // One short line per request: no headers (tokens, cookies) in the logs.
      serializers: {
        req: (req: { method: string; url: string; raw?: { user?: { sub: string } } }) => ({ method: req.method, url: loggableUrl(req.url), userId: req.raw?.user?.sub }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
    }),
  );
  // Every router is mounted here, at one prefix each, so that the route table (and the
  // OpenAPI check against it) sees every route.
  const mount = (prefix: string, router: Router) => {
    mounts.push({ prefix, router });
    app.use(prefix, router);
  };
  app.locals.mounts = mounts;
  // Every requireAuth asks it whether a token's session still holds (one per app: per process).
  installSessionGuard(app, new SessionGuard(deps.prisma));
  // One intake for every door that registers cases (operator, web form, Open311, SMS, IVR).
  const intake = caseIntake(deps);
  app.locals.intake = intake;
  const doors = { ...deps, intake };
  // Before the JSON parser: Open311 parses its own bodies (also form-encoded) and answers every
  // error, a malformed body included, in its own format.
  mount('/open311', open311Routes(doors));
  // Twilio posts form-encoded bodies, parsed (and signature-checked) by the telephony router.
  mount('/telephony', telephonyRoutes(doors));
  // The Temporal UI's codec server: its own CORS (the UI's origins) and body limit.
  mount('/codec', codecRoutes(deps));
  // First for /public: the global parser below skips a body already parsed.
  app.use('/public', express.json({ limit: PUBLIC_BODY_LIMIT }));
  app.use(express.json({ limit: '1mb' }));

  // A console served from another origin: only the configured ones, with the bearer token.
  app.use(['/api', '/auth'], cors({ origin: deps.corsOrigins ?? [], allowedHeaders: ['Authorization', 'Content-Type', 'Range', IDEMPOTENCY_KEY_HEADER], exposedHeaders: ['Content-Range', 'Content-Disposition', 'Link'], maxAge: 600 }));
  // Before every /api router: what a unit reads leaves with the citizen's identity masked.
  app.use('/api', identityMasking({ prisma: deps.prisma, hotlineNumber: deps.twilio.fromNumber }));
  mount('/healthz', healthRoutes(deps));
  mount('/auth', authRoutes(deps));
  mount('/api/cases/:id/attachments', caseAttachmentRoutes(deps));
  mount('/api/cases/:id/messages', caseMessageRoutes(deps));
  mount('/api/cases/:id/calls', caseCallRoutes(deps));
  mount('/api/cases/:id/bridge-calls', bridgeCallRoutes(deps));
  mount('/api/cases/:id', caseReplayRoutes(deps));
  mount('/api/cases/:id', paperRoutes(deps));
  mount('/api/cases', caseRoutes(doors));
  mount('/api/attachments', attachmentRoutes(deps));
  mount('/api/calendar', calendarRoutes(deps));
  mount('/api/api-clients', apiClientRoutes(deps));
  mount('/api/stuck-cases', stuckCaseRoutes(deps));
  mount('/api/telephony/sms-drafts', smsDraftRoutes(doors));
  mount('/api/telephony/blocked-callers', blockedCallerRoutes(deps));
  mount('/api/polls', pollRoutes(deps));
  mount('/api/units', unitRoutes(deps));
  mount('/api/users', userRoutes(deps));
  mount('/api/categories', categoryRoutes(deps));
  mount('/api/case-types', caseTypeRoutes(deps));
  mount('/api/policies', policyRoutes(deps));
  mount('/api/rule-settings', ruleSettingRoutes(deps));
  mount('/api/rules-broadcast', rulesBroadcastRoutes(deps));
  mount('/api/templates', templateRoutes(deps));
  mount('/api/knowledge', knowledgeRoutes(deps));
  mount('/api/audit', auditRoutes(deps));
  mount('/api/telephony', telephonyConsoleRoutes(deps));
  mount('/api/statistics/hotspots', hotspotRoutes(deps));
  mount('/api/statistics/repeat-complaints', repeatComplaintRoutes(deps));
  mount('/api/statistics/report', reportRoutes(deps));
  mount('/api/statistics/call-centre', callCentreRoutes(deps));
  mount('/api/statistics', statisticsRoutes(deps));
  mount('/api', openApiRoutes(deps.version));
  mount('/public', publicRoutes(doors));
  app.use(['/api', '/auth', '/public'], (req, _res, next) => next(new HttpError(404, 'not_found', `no route for ${req.method} ${req.originalUrl}`)));
  app.use('/citizen', express.static(deps.citizenUiDir ?? DEFAULT_CITIZEN_UI_DIR, { index: 'index.html', maxAge: '10m' }));

  const uiDir = deps.adminUiDir ?? DEFAULT_ADMIN_UI_DIR;
  if (existsSync(path.join(uiDir, 'index.html'))) {
    app.use(express.static(uiDir, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes of the single-page console; /metrics is not one (a scraper pointed at
    // this port by mistake gets a 404, not a page: metrics are on API_METRICS_ADDRESS).
    app.get(/^\/(?!api\/|auth\/|public\/|open311\/|citizen(?:\/|$)|healthz|metrics(?:\/|$)).*/, (_req, res) => res.sendFile(path.join(uiDir, 'index.html')));
  }
  app.use((req, _res, next) => next(new HttpError(404, 'not_found', `no route for ${req.method} ${req.originalUrl}`)));
  app.use(errorHandler(deps.log));
  return app;
}
