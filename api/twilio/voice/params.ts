// The form parameters Twilio posts to the voice webhooks, as far as the handlers use them.
// Unknown parameters are ignored (Twilio adds new ones); a malformed one is a 400 naming it.
// Twilio signs these requests, so only sids are refused when malformed; everything else is
// cleaned by the text policy (a refusal would lose what the caller said or pressed).
import { z } from 'zod';
import { exactText, identifier, singleLineText, webAddress } from '../../../rules/text';
import { FINAL_CALL_STATUSES } from '../calls/callRecords';

const callSid = identifier(34).regex(/^CA[0-9a-fA-F]{32}$/, 'a Twilio CallSid: CA and 32 hex digits');

export const callParams = z.object({
  CallSid: callSid,
  From: singleLineText(64).default(''),
  To: singleLineText(64).default(''),
  CallStatus: singleLineText(32).default(''),
});

/** What a <Gather> posts: keys pressed and/or what was said. */
export const gatherParams = callParams.extend({
  Digits: singleLineText(64).optional(),
  SpeechResult: singleLineText(5000).optional(),
});

/** How many times this step has been asked (in the step's URL). */
export const stepQuery = z.object({ attempt: z.coerce.number().int().min(1).max(10).default(1) });

export const CALL_STATUSES = ['queued', 'initiated', 'ringing', 'in-progress', ...FINAL_CALL_STATUSES] as const;

export const callStatusParams = callParams.extend({
  CallStatus: z.enum(CALL_STATUSES),
  CallDuration: z.coerce.number().int().min(0).optional(),
  /** RFC 2822, e.g. "Tue, 10 Mar 2026 02:00:00 +0000". */
  Timestamp: singleLineText(64).optional(),
});

/** The case query's password step: the case number keyed in before it (digits only; in the URL Twilio signs). */
export const passwordStepQuery = stepQuery.extend({ case: exactText(20).regex(/^\d{0,20}$/, 'digits').default('') });

/** The knowledge list's step: where it leads, the operators' queue (option 1) or back to the menu (option 4). */
export const knowledgeQuery = z.object({ then: z.enum(['queue', 'menu']) });
export type KnowledgeThen = z.output<typeof knowledgeQuery>['then'];

/** <Enqueue action>: how the call left the queue. */
export const queueResultParams = callParams.extend({
  QueueResult: z.enum(['bridged', 'bridging-in-process', 'queue-full', 'error', 'hangup', 'leave', 'redirected', 'redirected-from-bridged', 'system-error']),
});

/** <Queue url> of an operator's <Dial>: the operator's user id, put there by the operator route. */
export const connectQuery = z.object({ operator: identifier(100).optional() });

/** <Enqueue waitUrl>: where the caller is in the queue. */
export const holdParams = callParams.extend({ QueuePosition: z.coerce.number().int().min(0).optional() });

export const recordingStatusParams = z.object({
  CallSid: callSid,
  RecordingSid: identifier(34).regex(/^RE[0-9a-fA-F]{32}$/, 'a Twilio RecordingSid: RE and 32 hex digits'),
  RecordingUrl: webAddress(2000),
  RecordingStatus: z.enum(['in-progress', 'completed', 'absent', 'failed']),
  RecordingDuration: z.coerce.number().int().min(0).optional(),
});

export type CallParams = z.output<typeof callParams>;
export type GatherParams = z.output<typeof gatherParams>;

/** <Dial action> of a transfer to a unit's duty phone: how the dialled call ended. */
export const transferResultParams = callParams.extend({
  DialCallStatus: z.enum(['completed', 'answered', 'busy', 'no-answer', 'failed', 'canceled']),
  DialCallSid: identifier(34).regex(/^CA[0-9a-fA-F]{32}$/, 'a Twilio CallSid: CA and 32 hex digits').optional(),
  DialCallDuration: z.coerce.number().int().min(0).optional(),
});
