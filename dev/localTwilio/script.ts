// What a simulated phone (a citizen's, a unit's) does when the endpoint calls or texts it, and what
// a simulated caller does on an inbound call. Validated here because scripts also arrive as JSON
// through the control API.
import { z } from 'zod';
import { E164 } from './sids';

const phoneNumber = z.string().regex(E164, 'an E.164 number, e.g. +8613800138000');

/**
 * One thing the caller does at the next input verb, in order: keys in digits or speaks (Gather),
 * speaks a recording (Record), stays silent (the verb times out), or hangs up. `hangup: true` on
 * an answer hangs up right after giving it.
 */
export const callerAnswerSchema = z.union([
  // keyingMs: how long the caller takes before keying in; slower than the Gather's timeout, the gather times out.
  z.object({ digits: z.string().regex(/^[0-9*#w]+$/, 'keypad keys 0-9, * and #'), keyingMs: z.number().int().min(0).max(120_000).optional(), hangup: z.boolean().optional() }).strict(),
  // speakingMs: how long the caller talks before the recogniser returns (a Gather lasts that long).
  z.object({ speech: z.string().min(1), confidence: z.number().min(0).max(1).optional(), speakingMs: z.number().int().min(0).max(120_000).optional(), hangup: z.boolean().optional() }).strict(),
  z.object({ audioPath: z.string().min(1), hangup: z.boolean().optional() }).strict(),
  z.object({ silence: z.literal(true) }).strict(),
  z.object({ hangup: z.literal(true) }).strict(),
]);
export type CallerAnswer = z.infer<typeof callerAnswerSchema>;

/** When a Media Stream of the caller's audio stops: at the end of the audio file, or with the call (silence after the audio). */
export const streamEndSchema = z.enum(['audioEnd', 'callEnd']);
export type StreamEnd = z.infer<typeof streamEndSchema>;

export const callScriptSchema = z
  .object({
    answers: z.array(callerAnswerSchema).default([]),
    /** The caller's voice: streamed into Media Streams and recorded by <Record> (8 kHz µ-law after conversion). */
    audioPath: z.string().min(1).optional(),
    /** How long the caller waits in an <Enqueue> before hanging up; unset: until redirected, or the endpoint's cap. */
    holdMs: z.number().int().min(0).optional(),
    streamEnd: streamEndSchema.default('audioEnd'),
  })
  .strict();
export type CallScript = z.infer<typeof callScriptSchema>;
export type CallScriptInput = z.input<typeof callScriptSchema>;

export const callOutcomeSchema = z.enum(['answer', 'no-answer', 'busy', 'failed']);
export type CallOutcome = z.infer<typeof callOutcomeSchema>;

export const smsDeliverySchema = z.enum(['delivered', 'undelivered', 'failed']);
export type SmsDelivery = z.infer<typeof smsDeliverySchema>;

export const lateCallbackSchema = z.enum(['initiated', 'ringing', 'answered']);

/**
 * A phone the endpoint calls or texts. `answer` may list one outcome per call, in order (the last
 * one repeats); `answers` is one queue shared by all its calls, as one person answering in turn.
 */
export const phoneScriptSchema = z
  .object({
    answer: z.union([callOutcomeSchema, z.array(callOutcomeSchema).min(1)]).default('answer'),
    answers: z.array(callerAnswerSchema).default([]),
    audioPath: z.string().min(1).optional(),
    holdMs: z.number().int().min(0).optional(),
    streamEnd: streamEndSchema.default('audioEnd'),
    /** How long it rings before the outcome. */
    ringMs: z.number().int().min(0).max(120_000).default(0),
    /** Answering a <Dial>: how long the person stays on the bridged call before hanging up. */
    talkMs: z.number().int().min(0).max(600_000).default(0),
    smsDelivery: smsDeliverySchema.default('delivered'),
    /**
     * Progress events whose status callback arrives late, after the call's final one: Twilio does
     * not promise the order of status callbacks (their SequenceNumber tells it).
     */
    lateCallbacks: z.array(lateCallbackSchema).default([]),
  })
  .strict();
export type PhoneScript = z.infer<typeof phoneScriptSchema>;
export type PhoneScriptInput = z.input<typeof phoneScriptSchema>;

const httpMethod = z.enum(['GET', 'POST']);

/** A number of the account (the hotline): where its calls and messages are sent. */
export const numberConfigSchema = z
  .object({
    voiceUrl: z.url().optional(),
    voiceMethod: httpMethod.default('POST'),
    voiceStatusCallback: z.url().optional(),
    voiceStatusCallbackMethod: httpMethod.default('POST'),
    smsUrl: z.url().optional(),
    smsMethod: httpMethod.default('POST'),
  })
  .strict();
export type NumberConfig = z.infer<typeof numberConfigSchema>;
export type NumberConfigInput = z.input<typeof numberConfigSchema>;

export const inboundCallSchema = z.object({ from: phoneNumber, to: phoneNumber, script: callScriptSchema.default({ answers: [], streamEnd: 'audioEnd' }) }).strict();
export type InboundCallInput = z.input<typeof inboundCallSchema>;

export const inboundSmsSchema = z.object({ from: phoneNumber, to: phoneNumber, body: z.string().max(1600) }).strict();
export type InboundSmsInput = z.input<typeof inboundSmsSchema>;

/** A failure injected into the REST API (see RestFault in store.ts). */
export const restFaultSchema = z
  .object({
    operation: z.enum(['createMessage', 'createCall']),
    /** Only requests to this number; unset: any. */
    to: z.string().min(1).optional(),
    status: z.union([z.literal(429), z.literal(500), z.literal(503)]).default(500),
    /** How many requests fail; unset: every one until the faults are cleared (an outage). */
    count: z.number().int().min(1).optional(),
  })
  .strict();
export type RestFaultInput = z.input<typeof restFaultSchema>;

export { phoneNumber as phoneNumberSchema };
