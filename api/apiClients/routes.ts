// /api/api-clients (admin only): the civic apps allowed to submit through Open311. Creating a
// client answers with its API key, the only time the key is seen; listing never shows keys.
// Deleting deactivates (the row stays for the audit trail and the submissions' history).
// Every change is audited.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { requiredLine } from '../../rules/text';
import type { AppDeps } from '../deps';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import type { AccessClaims } from '../auth/tokens';
import { HttpError } from '../http/errors';
import { idParams } from '../http/fields';
import { sendList } from '../http/simpleRest';
import { hashApiKey, newApiKey } from './keys';

export const apiClientCreateBody = z.object({ name: requiredLine(100) });

/** Everything about a client but its key hash. */
const PUBLIC_FIELDS = { id: true, name: true, active: true, createdById: true, createdAt: true, deactivatedAt: true, lastUsedAt: true } as const;

function auditedBy(user: AccessClaims) {
  return { actorId: user.sub, actorRole: user.roles.join(','), actorUnitId: user.unitId };
}

export function apiClientRoutes(deps: Pick<AppDeps, 'prisma' | 'jwtSecret'>): Router {
  const router = Router();
  router.use(requireAuth(deps.jwtSecret), requireRoles('admin'));

  router.get('/', async (_req, res) => {
    const rows = await deps.prisma.apiClient.findMany({ select: PUBLIC_FIELDS, orderBy: { createdAt: 'desc' } });
    sendList(res, 'api-clients', rows, rows.length, undefined);
  });

  router.get('/:id', async (req, res) => {
    const { id } = idParams.parse(req.params);
    const row = await deps.prisma.apiClient.findUnique({ where: { id }, select: PUBLIC_FIELDS });
    if (!row) throw new HttpError(404, 'not_found', `no API client ${id}`);
    res.json(row);
  });

  router.post('/', async (req, res) => {
    const { name } = apiClientCreateBody.parse(req.body);
    const id = randomUUID();
    const apiKey = newApiKey();
    const [client] = await deps.prisma.$transaction([
      deps.prisma.apiClient.create({ data: { id, name, keyHash: hashApiKey(apiKey), createdById: req.user!.sub }, select: PUBLIC_FIELDS }),
      deps.prisma.auditEvent.create({
        data: { idempotencyKey: `apiClient:${id}:created`, entityType: 'apiClient', entityId: id, action: 'apiClientCreated', ...auditedBy(req.user!), payload: { name }, occurredAt: new Date() },
      }),
    ]);
    res.status(201).json({ ...client, apiKey });
  });

  router.delete('/:id', async (req, res) => {
    const { id } = idParams.parse(req.params);
    const client = await deps.prisma.$transaction(async (tx) => {
      // Only the request that flips `active` records the change; a repeated delete is a no-op.
      const { count } = await tx.apiClient.updateMany({ where: { id, active: true }, data: { active: false, deactivatedAt: new Date() } });
      const row = await tx.apiClient.findUnique({ where: { id }, select: PUBLIC_FIELDS });
      if (count === 1 && row) {
        await tx.auditEvent.create({
          data: { idempotencyKey: `apiClient:${id}:deactivated`, entityType: 'apiClient', entityId: id, action: 'apiClientDeactivated', ...auditedBy(req.user!), payload: { name: row.name }, occurredAt: new Date() },
        });
      }
      return row;
    });
    if (!client) throw new HttpError(404, 'not_found', `no API client ${id}`);
    res.json(client);
  });

  return router;
}
