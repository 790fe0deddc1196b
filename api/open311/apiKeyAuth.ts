// POST /requests needs the api_key of an active client (form field or query parameter, as
// clients differ); 403 otherwise, as the spec says. The client is left in res.locals.
import type { RequestHandler, Response } from 'express';
import type { PrismaClient } from '../../prisma/client';
import { hashApiKey } from '../apiClients/keys';
import { HttpError } from '../http/errors';

export interface AuthenticatedClient {
  id: string;
  name: string;
}

export function apiClientOf(res: Response): AuthenticatedClient {
  const client = res.locals.apiClient as AuthenticatedClient | undefined;
  if (!client) throw new Error('requireApiKey must run before this handler');
  return client;
}

export function requireApiKey(prisma: PrismaClient): RequestHandler {
  return async (req, res, next) => {
    const fromBody = (req.body as Record<string, unknown> | undefined)?.api_key;
    const key = typeof fromBody === 'string' && fromBody !== '' ? fromBody : typeof req.query.api_key === 'string' ? req.query.api_key : '';
    if (key === '') return next(new HttpError(403, 'forbidden', 'api_key is missing: this method needs the API key the hotline office issued to your application'));
    const client = await prisma.apiClient.findUnique({ where: { keyHash: hashApiKey(key) }, select: { id: true, name: true, active: true } });
    if (!client?.active) return next(new HttpError(403, 'forbidden', 'invalid api_key: it is unknown or was revoked'));
    await prisma.apiClient.update({ where: { id: client.id }, data: { lastUsedAt: new Date() } });
    res.locals.apiClient = { id: client.id, name: client.name } satisfies AuthenticatedClient;
    next();
  };
}
