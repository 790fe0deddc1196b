// POST /api/telephony/calls/:id/transfer: the operator who took a caller from the queue hands
// them to a unit's duty phone. The caller's live leg is redirected (Twilio's REST call update)
// to TwiML that announces the transfer and <Dial>s the unit from the hotline's number
// (api/twilio/voice/transfer.ts); the call row keeps who transferred it where and when, and the
// transfer is audited in the same transaction. Nothing changes when Twilio refuses.
import type { Request } from 'express';
import type { AppDeps } from '../deps';
import { recordAdminChange } from '../audit/record';
import type { AccessClaims } from '../auth/tokens';
import { HttpError } from '../http/errors';
import { dialableNumber } from '../../lib/phoneNumbers';
import { readRuleSettings } from '../../lib/ruleSettings';
import { loadPrompts } from '../twilio/voice/prompts';
import { transferTwiml } from '../twilio/voice/transfer';
import { publicBaseOf, voiceUrls } from '../twilio/voice/urls';

export type CallTransferDeps = Pick<AppDeps, 'prisma' | 'twilio' | 'publicBaseUrl' | 'now'>;

export interface TransferRequest {
  callId: string;
  unitId: string;
  reason: string | null;
}

/** What Twilio dials: E.164. */
const E164_NUMBER = /^\+[1-9]\d{6,14}$/;

/** Twilio's "Call is not in-progress. Cannot redirect." */
const TWILIO_NOT_IN_PROGRESS = 21220;

export async function transferCall(deps: CallTransferDeps, req: Request, actor: AccessClaims, request: TransferRequest) {
  const { callId, unitId, reason } = request;
  const now = deps.now?.() ?? new Date();
  const [call, unit] = await Promise.all([
    deps.prisma.call.findUnique({ where: { id: callId } }),
    deps.prisma.unit.findUnique({ where: { id: unitId }, select: { id: true, name: true, dutyPhone: true, active: true } }),
  ]);
  if (!call) throw new HttpError(404, 'not_found', `no call ${callId}`);
  if (!unit) throw new HttpError(404, 'not_found', `no unit ${unitId}`, { unitId: 'no such unit' });
  if (call.direction !== 'inbound' || !call.answeredById) throw new HttpError(409, 'invalidState', 'only a caller an operator took from the queue can be transferred');
  if (call.endedAt) throw new HttpError(409, 'invalidState', 'the call is over');
  if (call.transferredAt) throw new HttpError(409, 'invalidState', 'the call was transferred already');
  if (!unit.active) throw new HttpError(409, 'invalidState', `unit ${unitId} is inactive`, { unitId: 'inactive unit' });
  const number = unit.dutyPhone ? dialableNumber(unit.dutyPhone) : null;
  if (!number || !E164_NUMBER.test(number)) throw new HttpError(409, 'invalidState', `unit ${unitId} has no dialable duty phone`, { unitId: 'no duty phone' });

  const [prompts, settings] = await Promise.all([loadPrompts(deps.prisma, ['voice.transferring']), readRuleSettings(deps.prisma, ['ivr.transferRingSeconds'])]);
  const twiml = transferTwiml(prompts, {
    unitName: unit.name,
    number,
    callerId: deps.twilio.fromNumber,
    action: voiceUrls(publicBaseOf(req, deps.publicBaseUrl)).step('transfer-result'),
    ringSeconds: settings['ivr.transferRingSeconds'],
  }).toString();

  return deps.prisma.$transaction(async (tx) => {
    // Claimed first, so that two operators' clicks cannot both redirect the caller.
    const { count } = await tx.call.updateMany({
      where: { id: callId, transferredAt: null, endedAt: null },
      data: { transferredToUnitId: unit.id, transferredAt: now, transferredById: actor.sub },
    });
    if (count === 0) throw new HttpError(409, 'invalidState', 'the call ended or was transferred meanwhile');
    const after = await tx.call.findUniqueOrThrow({ where: { id: callId } });
    await recordAdminChange(tx, actor, {
      entityType: 'call',
      entityId: callId,
      action: 'transferred',
      reason,
      before: { transferredToUnitId: null },
      after: { transferredToUnitId: unit.id, transferredAt: after.transferredAt, transferredById: actor.sub },
      details: { unitName: unit.name, dialled: number, callerId: deps.twilio.fromNumber, caseId: call.caseId },
    });
    await redirect(deps, call.callSid, twiml);
    return after;
  }, { timeout: 20_000 });
}

/** The REST update that moves the caller's leg; Twilio's refusal becomes ours (the transaction rolls back). */
async function redirect(deps: CallTransferDeps, callSid: string, twiml: string): Promise<void> {
  try {
    await deps.twilio.client.calls(callSid).update({ twiml });
  } catch (error) {
    const { status, code } = error as { status?: unknown; code?: unknown };
    if (code === TWILIO_NOT_IN_PROGRESS || status === 404) throw new HttpError(409, 'invalidState', 'the call is no longer in progress at Twilio');
    throw new HttpError(502, 'telephony_unavailable', `Twilio refused the transfer: ${(error as Error).message}`);
  }
}
