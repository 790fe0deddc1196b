// TwiML of the outbound keypad calls (survey calls 回访, opinion polls 民意调查): a spoken question
// with a one-key <Gather>, the goodbye that hangs up, and the empty answer to status callbacks.
// Citizens hear Mandarin. What is said is the caller's (templates or fixed texts).
import twilio from 'twilio';

const SPEECH = { language: 'zh-CN' } as const;
/** Seconds Twilio waits for the key after the prompt. */
const KEY_TIMEOUT_SECONDS = 8;

/** A question with its keypad gather, after an optional preface; no key (or the gather ending) goes to `answerUrl` too. */
export function keypadQuestion(prompt: string, answerUrl: string, preface?: string): string {
  const response = new twilio.twiml.VoiceResponse();
  const gather = response.gather({ input: ['dtmf'], numDigits: 1, timeout: KEY_TIMEOUT_SECONDS, action: answerUrl, method: 'POST' });
  if (preface) gather.say(SPEECH, preface);
  gather.say(SPEECH, prompt);
  // Reached only when the gather got no key: the action decides (repeat once, then move on or say goodbye).
  response.redirect({ method: 'POST' }, answerUrl);
  return response.toString();
}

/** Says the text, then hangs up. */
export function sayAndHangUp(text: string): string {
  const response = new twilio.twiml.VoiceResponse();
  response.say(SPEECH, text);
  response.hangup();
  return response.toString();
}

/** Status callbacks need no instructions. */
export const emptyVoiceResponse = () => new twilio.twiml.VoiceResponse().toString();
