// TwiML in Mandarin, built with the twilio library's VoiceResponse: one place for the voice,
// language and Gather defaults every IVR step shares.
import type { Response } from 'express';
import twilio from 'twilio';
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse';
import { STREAM_TOKEN_PARAMETER } from '../../../telephony/mediaStreams/streamToken';

export type { VoiceResponse };

/** Twilio's Mandarin text-to-speech voice. */
const SAY = { language: 'zh-CN', voice: 'Polly.Zhiyu' } as const satisfies VoiceResponse.SayAttributes;
/** Twilio documents zh-CN for speech recognition; the SDK's type list only has its aliases. */
const GATHER_LANGUAGE = 'zh-CN' as NonNullable<VoiceResponse.GatherAttributes['language']>;

export function newResponse(): VoiceResponse {
  return new twilio.twiml.VoiceResponse();
}

export function say(target: VoiceResponse | VoiceResponse.Gather, text: string): void {
  target.say(SAY, text);
}

export interface GatherOptions {
  action: string;
  input: 'dtmf' | 'speech' | 'dtmf speech';
  prompt: string;
  numDigits?: number;
  finishOnKey?: string;
  timeout?: number;
  hints?: string;
}

/**
 * A prompt that waits for keys and/or speech. The action is always requested, empty input
 * included (actionOnEmptyResult); the Redirect after it covers a Twilio side that falls through
 * instead, so the step's handler sees "nothing heard" either way.
 */
export function gather(response: VoiceResponse, options: GatherOptions): void {
  const g = response.gather({
    action: options.action,
    method: 'POST',
    input: options.input.split(' ') as NonNullable<VoiceResponse.GatherAttributes['input']>,
    language: GATHER_LANGUAGE,
    actionOnEmptyResult: true,
    timeout: options.timeout ?? 6,
    ...(options.input !== 'dtmf' ? { speechTimeout: 'auto' } : {}),
    ...(options.numDigits ? { numDigits: options.numDigits } : {}),
    ...(options.finishOnKey !== undefined ? { finishOnKey: options.finishOnKey } : {}),
    ...(options.hints ? { hints: options.hints } : {}),
  });
  say(g, options.prompt);
  response.redirect({ method: 'POST' }, options.action);
}

/**
 * Our own server records the call's audio: Twilio streams it to the Media Streams socket, with
 * the call's stream token (streamToken.ts) among the parameters it hands back in `start`.
 */
export function startMediaStream(response: VoiceResponse, streamUrl: string, callSid: string, streamToken: string): void {
  const stream = response.start().stream({ url: streamUrl });
  stream.parameter({ name: 'callSid', value: callSid });
  stream.parameter({ name: STREAM_TOKEN_PARAMETER, value: streamToken });
}

export function sendTwiml(res: Response, response: VoiceResponse): void {
  res.type('text/xml').send(response.toString());
}
