// The Express application: security headers, request logs, JSON bodies, routes, the admin
// console's static files, and one error shape.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Connection } from '@temporalio/client';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { PROJECT_ROOT } from '../config/env';
import type { Logger } from '../config/logger';
import type { PrismaClient } from '../prisma/client';
import { errorHandler, HttpError } from './http/errors';
import { calendarRoutes } from './calendar/routes';
import { caseRoutes } from './cases/routes';
import { publicRoutes } from './public/routes';
import { caseTypeRoutes } from './caseTypes/routes';
import { categoryRoutes } from './categories/routes';
import { knowledgeRoutes } from './knowledge/routes';
import { policyRoutes } from './policies/routes';
import { ruleSettingRoutes } from './ruleSettings/routes';
import { templateRoutes } from './templates/routes';
import { unitRoutes } from './units/routes';
import { userRoutes } from './users/routes';
import { authRoutes } from './auth/routes';
import { healthRoutes } from './health/routes';

export interface AppDeps {
  prisma: PrismaClient;
  temporal: Connection;
  namespace: string;
  /** Task queue the petition workflows run on. */
  taskQueue: string;
  log: Logger;
  jwtSecret: string;
  accessTtlSeconds: number;
  version: string;
  /** Public case lookups allowed per address and minute (default 20). */
  publicLookupsPerMinute?: number;
  /** Built admin console; served at / when present. */
  adminUiDir?: string;
  now?: () => Date;
}

export const DEFAULT_ADMIN_UI_DIR = path.join(PROJECT_ROOT, 'admin-ui', 'dist');

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
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
        req: (req: { method: string; url: string; raw?: { user?: { sub: string } } }) => ({ method: req.method, url: req.url, userId: req.raw?.user?.sub }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
    }),
  );
  app.use(express.json({ limit: '1mb' }));

  app.use('/healthz', healthRoutes(deps));
  app.use('/auth', authRoutes(deps));
  app.use('/api/cases', caseRoutes(deps));
  app.use('/api/calendar', calendarRoutes(deps));
  app.use('/api/units', unitRoutes(deps));
  app.use('/api/users', userRoutes(deps));
  app.use('/api/categories', categoryRoutes(deps));
  app.use('/api/case-types', caseTypeRoutes(deps));
  app.use('/api/policies', policyRoutes(deps));
  app.use('/api/rule-settings', ruleSettingRoutes(deps));
  app.use('/api/templates', templateRoutes(deps));
  app.use('/api/knowledge', knowledgeRoutes(deps));
  app.use('/public', publicRoutes({ prisma: deps.prisma, lookupsPerMinute: deps.publicLookupsPerMinute }));
  app.use(['/api', '/auth', '/public'], (req, _res, next) => next(new HttpError(404, 'not_found', `no route for ${req.method} ${req.originalUrl}`)));

  const uiDir = deps.adminUiDir ?? DEFAULT_ADMIN_UI_DIR;
  if (existsSync(path.join(uiDir, 'index.html'))) {
    app.use(express.static(uiDir, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes of the single-page console.
    app.get(/^\/(?!api\/|auth\/|public\/|healthz).*/, (_req, res) => res.sendFile(path.join(uiDir, 'index.html')));
  }
  app.use((req, _res, next) => next(new HttpError(404, 'not_found', `no route for ${req.method} ${req.originalUrl}`)));
  app.use(errorHandler(deps.log));
  return app;
}
