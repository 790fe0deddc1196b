// POST /api/cases/:id/bridge-calls: a handler of the lead or an assisting unit calls the case's
// citizen through the hotline. Twilio first calls the handler's phone (their phone on record, or
// one they give); when they pick up, the bridge webhook (api/twilio/voice/bridge.ts) <Dial>s the
// citizen with the hotline's number as caller ID, recorded and capped (rule settings
// bridgeCall.*). The citizen's number is looked up there, server-side: no answer to the unit
// carries it. The request is audited on the case; Twilio's refusal changes nothing.
import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import type { AccessClaims, Role } from '../auth/tokens';
import { visibleCaseOf } from '../attachments/access';
import { optionalReason } from '../http/fields';
import { HttpError } from '../http/errors';
import { dialableNumber } from '../../lib/phoneNumbers';
import { requiredLine } from '../../rules/text';
import { bridgeQueryOf, ensureBridgeCall, type BridgeCallRef } from '../twilio/calls/bridgeCalls';
import { publicBaseOf, voiceUrls } from '../twilio/voice/urls';
import { caseIdParams } from './params';
import { citizenLineOf, E164_NUMBER, liveAssignmentOf, readBridgeSettings, withinBridgeHours } from './bridgeCallRules';

export type BridgeCallDeps = Pick<AppDeps, 'prisma' | 'twilio' | 'publicBaseUrl' | 'now' | 'jwtSecret' | 'log'>;

/** Who calls a citizen through the hotline: the people of the units handling the case. */
export const BRIDGE_CALL_ROLES: Role[] = ['unitHandler', 'unitLeader'];

/** The handler's phone as typed (spaces, dashes, +86 or not), dialable once normalised. */
const handlerPhone = requiredLine(30)
  .transform((typed) => dialableNumber(typed))
  .refine((number) => E164_NUMBER.test(number), 'a phone number that can be dialled, e.g. 13912345678 or 0531-88881234');

export const bridgeCallBody = z.strictObject({
  /** The handler's phone when their profile has none (or they are at another phone now). */
  phone: handlerPhone.optional(),
  reason: optionalReason,
});

/** How long a bridge call that never reported its end still counts as running (one per user at a time). */
const STALE_BRIDGE_MS = 2 * 3_600_000;

export async function requestBridgeCall(deps: BridgeCallDeps, req: Request, actor: AccessClaims, caseId: string, body: z.output<typeof bridgeCallBody>) {
  const now = deps.now?.() ?? new Date();
  const found = await visibleCaseOf(deps.prisma, actor, caseId);
  const assignment = await liveAssignmentOf(deps.prisma, found.id, actor.unitId);
  if (!assignment) throw new HttpError(403, 'forbidden', 'only the units handling the case (lead or assisting, not returned or finished) call its citizen');
  const user = await deps.prisma.user.findUniqueOrThrow({ where: { id: actor.sub }, select: { phone: true } });
  const typed = body.phone ?? null;
  const onRecord = user.phone ? dialableNumber(user.phone) : null;
  const phone = typed ?? (onRecord && E164_NUMBER.test(onRecord) ? onRecord : null);
  if (!phone) throw new HttpError(400, 'invalid_request', 'your profile has no phone: give the phone to call you on', { phone: 'required: no dialable phone on your profile' });

  const [line, settings] = await Promise.all([citizenLineOf(deps.prisma, found.id), readBridgeSettings(deps.prisma)]);
  if (!line) throw new HttpError(404, 'not_found', `no case ${caseId}`);
  if (!line.ok) throw new HttpError(409, 'invalidState', `the citizen cannot be called: ${line.why}`);
  if (!withinBridgeHours(now, settings.hours)) throw new HttpError(409, 'invalidState', `citizens are called between ${settings.hours.start} and ${settings.hours.end} (Asia/Shanghai) only`);
  const running = await deps.prisma.call.count({ where: { purpose: 'bridge', requestedById: actor.sub, endedAt: null, startedAt: { gte: new Date(now.getTime() - STALE_BRIDGE_MS) } } });
  if (running > 0) throw new HttpError(409, 'invalidState', 'you have a call to a citizen running already');

  const ref: BridgeCallRef = { caseId: found.id, requestedById: actor.sub, requestedByUnitId: actor.unitId };
  const urls = voiceUrls(publicBaseOf(req, deps.publicBaseUrl));
  const query = bridgeQueryOf(ref);
  let callSid: string;
  try {
    const placed = await deps.twilio.client.calls.create({
      from: deps.twilio.fromNumber,
      to: phone,
      url: urls.step('bridge/connect', query),
      method: 'POST',
      statusCallback: urls.step('bridge/status', query),
      statusCallbackMethod: 'POST',
      timeout: settings.ringSeconds,
    });
    callSid = placed.sid;
  } catch (error) {
    throw new HttpError(502, 'telephony_unavailable', `Twilio did not place the call: ${(error as Error).message}`);
  }

  return deps.prisma.$transaction(async (tx) => {
    // Twilio's first webhook may have created the row already: the same row either way.
    const call = await ensureBridgeCall(tx, { callSid, from: deps.twilio.fromNumber, to: phone, status: 'queued' }, ref, now);
    await tx.auditEvent.create({
      data: {
        idempotencyKey: `call:${callSid}:bridgeRequested:${randomUUID()}`,
        caseId: found.id,
        entityType: 'call',
        entityId: callSid,
        action: 'bridgeRequested',
        actorId: actor.sub,
        actorRole: actor.roles.join(','),
        actorUnitId: actor.unitId,
        reason: body.reason ?? null,
        // The handler's phone, never the citizen's.
        payload: { callSid, assignmentId: assignment.id, assignmentRole: assignment.role, handlerPhone: phone, handlerPhoneTyped: typed !== null, maxMinutes: settings.maxMinutes },
        occurredAt: now,
      },
    });
    return call;
  });
}

export function bridgeCallRoutes(deps: BridgeCallDeps): Router {
  const router = Router({ mergeParams: true });
  router.use(requireAuth(deps.jwtSecret));
  router.post('/', requireRoles(...BRIDGE_CALL_ROLES), async (req, res) => {
    const { id } = caseIdParams.parse(req.params);
    const body = bridgeCallBody.parse(req.body ?? {});
    const call = await requestBridgeCall(deps, req, req.user!, id, body);
    deps.log.info({ callSid: call.id, caseId: id, requestedById: req.user!.sub }, 'bridge call placed');
    res.status(201).json(call);
  });
  return router;
}
