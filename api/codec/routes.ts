// The codec server of the Temporal web UI and CLI (Temporal's codec-server protocol): POST
// /codec/decode and /codec/encode, also under a namespace segment (/codec/<namespace>/decode)
// for the CLI's `--codec-endpoint 'http://…/codec/{namespace}'`. Bodies are Temporal's proto
// JSON, { payloads: [{ metadata: { <key>: <base64> }, data: <base64> }] }, answered in the same
// shape. Temporal keeps the case workflows' payloads encrypted (lib/payloadCodec.ts); this is the
// one place outside the API's own reads where they are decrypted, so:
//   - only auditors may call it (bearer token, as for the API);
//   - every decode is an identity read, recorded in the audit trail with who, in which role and
//     unit, and which workflow if the caller names it (X-Workflow-Id header or ?workflowId=);
//   - only the configured namespace (X-Namespace) is served;
//   - browsers may call it only from the configured Temporal UI origins (CORS).
import { randomUUID } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { JSONToPayload, payloadToJSON } from '@temporalio/common/lib/proto-utils';
import cors from 'cors';
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import type { AccessClaims, Role } from '../auth/tokens';
import { IDENTITY_READ } from '../cases/identityReads';
import { HttpError } from '../http/errors';
import { PayloadDecryptionError } from '../../lib/payloadCodec';
import { exactText, identifier } from '../../rules/text';

export const CODEC_ROLES: Role[] = ['auditor'];
/** Payloads one request may carry: a UI page decodes an event's few at a time. */
export const MAX_CODEC_PAYLOADS = 1000;
export const CODEC_BODY_LIMIT = '4mb';
export const WORKFLOW_ID_HEADER = 'X-Workflow-Id';

export type CodecDeps = Pick<AppDeps, 'prisma' | 'namespace' | 'dataConverter' | 'jwtSecret' | 'temporalUiOrigins'>;

const base64 = exactText(4 * 1024 * 1024).regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');
const jsonPayload = z.strictObject({ metadata: z.record(identifier(256), base64).optional(), data: base64.optional() });
export const codecBody = z.strictObject({ payloads: z.array(jsonPayload).max(MAX_CODEC_PAYLOADS) });
export const codecNamespaceParams = z.object({ namespace: identifier(256) });
export const codecQuery = z.strictObject({ workflowId: identifier(256).optional() });

type JsonPayload = z.infer<typeof jsonPayload>;

function namespaceOf(req: Request, configured: string): string {
  const fromPath = typeof req.params.namespace === 'string' ? req.params.namespace : undefined;
  const fromHeader = req.get('x-namespace') ?? undefined;
  for (const [field, value] of [['namespace', fromPath], ['X-Namespace', fromHeader]] as const) {
    if (value !== undefined && value !== configured) throw new HttpError(400, 'unknown_namespace', `this codec serves the namespace ${configured} only`, { [field]: `not ${JSON.stringify(value).slice(0, 80)}: this codec serves the namespace ${configured} only` });
  }
  return configured;
}

function workflowIdOf(req: Request): string | null {
  const query = codecQuery.parse(req.query);
  const header = req.get(WORKFLOW_ID_HEADER)?.trim();
  if (header !== undefined && (header === '' || header.length > 256)) throw new HttpError(400, 'invalid_request', 'the request has invalid fields', { [WORKFLOW_ID_HEADER]: 'a workflow id of 1 to 256 characters' });
  return header || query.workflowId || null;
}

async function run(codecs: readonly PayloadCodec[], direction: 'encode' | 'decode', items: JsonPayload[]): Promise<JsonPayload[]> {
  let payloads: Payload[] = items.map((item, index) => {
    try {
      return JSONToPayload(item as Parameters<typeof JSONToPayload>[0]);
    } catch {
      throw new HttpError(400, 'invalid_request', 'the request has invalid fields', { [`payloads.${index}`]: 'not a Temporal payload in proto JSON' });
    }
  });
  try {
    // Decoded in the reverse order of encoding, as the SDK does.
    for (const codec of direction === 'encode' ? codecs : [...codecs].reverse()) payloads = await codec[direction](payloads);
  } catch (error) {
    if (error instanceof PayloadDecryptionError) throw new HttpError(400, 'undecodable_payload', error.message, { payloads: error.message });
    throw error;
  }
  return payloads.map((payload) => payloadToJSON(payload) as JsonPayload);
}

async function recordCodecRead(deps: CodecDeps, user: AccessClaims, details: { namespace: string; workflowId: string | null; payloads: number; encrypted: number }): Promise<void> {
  // A case's workflow id is its case number: the read is then listed with the case's other
  // identity reads (GET /api/cases/:id/identity-reads).
  const caseRow = details.workflowId ? await deps.prisma.case.findFirst({ where: { workflowId: details.workflowId }, select: { id: true } }) : null;
  await deps.prisma.auditEvent.create({
    data: {
      idempotencyKey: `${IDENTITY_READ}:${randomUUID()}`,
      entityType: caseRow ? 'case' : 'temporalWorkflow',
      entityId: caseRow?.id ?? details.workflowId ?? '(not named)',
      action: IDENTITY_READ,
      actorId: user.sub, actorRole: user.roles.join(','), actorUnitId: user.unitId,
      payload: { via: 'codecServer', ...details },
      occurredAt: new Date(),
    },
  });
}

export function codecRoutes(deps: CodecDeps): Router {
  const router = Router({ mergeParams: true });
  const codecs = deps.dataConverter.payloadCodecs ?? [];
  // The Temporal UI calls from its own origin, with the token and the namespace as headers.
  router.use(cors({ origin: deps.temporalUiOrigins ?? [], credentials: true, methods: ['POST'], allowedHeaders: ['Authorization', 'Content-Type', 'X-Namespace', WORKFLOW_ID_HEADER], maxAge: 600 }));
  router.use(express.json({ limit: CODEC_BODY_LIMIT }));
  const allowed = [requireAuth(deps.jwtSecret), requireRoles(...CODEC_ROLES)];

  for (const prefix of ['', '/:namespace']) {
    router.post(`${prefix}/decode`, ...allowed, async (req, res) => {
      const namespace = namespaceOf(req, deps.namespace);
      const workflowId = workflowIdOf(req);
      const { payloads } = codecBody.parse(req.body);
      const decoded = await run(codecs, 'decode', payloads);
      const encrypted = payloads.filter((p) => p.metadata && 'encryption-key-id' in p.metadata).length;
      // Recorded before the answer leaves: no clear payload without its record.
      await recordCodecRead(deps, req.user!, { namespace, workflowId, payloads: payloads.length, encrypted });
      res.json({ payloads: decoded });
    });

    router.post(`${prefix}/encode`, ...allowed, async (req, res) => {
      namespaceOf(req, deps.namespace);
      workflowIdOf(req);
      const { payloads } = codecBody.parse(req.body);
      res.json({ payloads: await run(codecs, 'encode', payloads) });
    });
  }
  return router;
}
