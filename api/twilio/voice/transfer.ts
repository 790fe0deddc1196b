// An operator's transfer of a caller to a unit's duty phone, on Twilio's side: the TwiML the
// caller's leg is redirected to (a short prompt, then <Dial> from the hotline's number), and the
// Dial's action, which records how the dial ended and takes a message when the unit did not answer.
// The caller's leg keeps the Media Stream it started in the queue, so the transferred
// conversation is recorded like the rest of the call.
import type { Router } from 'express';
import type { Prompts } from './prompts';
import type { VoiceContext } from './context';
import { transferResultParams } from './params';
import { newResponse, say, type VoiceResponse } from './twiml';

export interface TransferTarget {
  unitName: string;
  /** The unit's duty phone, dialable (E.164). */
  number: string;
  /** The hotline's number: what the unit sees as the caller. */
  callerId: string;
  /** /telephony/voice/transfer-result on the host Twilio signs its requests for. */
  action: string;
  /** How long the unit's phone rings before the caller is offered voicemail (ivr.transferRingSeconds). */
  ringSeconds: number;
}

export function transferTwiml(prompts: Prompts, target: TransferTarget): VoiceResponse {
  const response = newResponse();
  say(response, prompts('voice.transferring', { unitName: target.unitName }));
  response.dial({ callerId: target.callerId, timeout: target.ringSeconds, action: target.action, method: 'POST' }).number(target.number);
  return response;
}

export function transferRoutes(router: Router, ctx: VoiceContext): void {
  /** <Dial action> of a transfer: the unit's call ended, or it never answered. */
  router.post('/transfer-result', ctx.step(async (req) => {
    const params = transferResultParams.parse(req.body);
    await ctx.deps.prisma.call.updateMany({ where: { id: params.CallSid, transferredAt: { not: null } }, data: { transferDialStatus: params.DialCallStatus } });
    // The unit took the call (answered: it was still bridged when the caller's leg moved on).
    if (params.DialCallStatus === 'completed' || params.DialCallStatus === 'answered') return ctx.goodbye();
    return ctx.voicemail(req, params.CallSid, 'voice.transferUnanswered');
  }));
}
