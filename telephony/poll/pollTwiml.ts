// What a poll call (民意调查) says, as TwiML: an introduction naming the poll, then each question
// with a one-key <Gather>, a question repeated once after a wrong or missing key, and thanks at
// the end. Citizens hear Mandarin. The sentences around the questions are the admin's voice
// templates (voice.pollIntro, voice.pollInvalidKey, voice.pollThanks, voice.pollOver), loaded by
// the webhook (api/twilio/poll) and passed in here.
import twilio from 'twilio';

const SPEECH = { language: 'zh-CN' } as const;
/** Seconds Twilio waits for the key after the prompt. */
const KEY_TIMEOUT_SECONDS = 8;

/** A question with its keypad gather; no key (or the gather ending) goes to `answerUrl` too. */
export function pollQuestion(prompt: string, answerUrl: string, preface?: string): string {
  const response = new twilio.twiml.VoiceResponse();
  const gather = response.gather({ input: ['dtmf'], numDigits: 1, timeout: KEY_TIMEOUT_SECONDS, action: answerUrl, method: 'POST' });
  if (preface) gather.say(SPEECH, preface);
  gather.say(SPEECH, prompt);
  // Reached only when the gather got no key: the action decides (repeat once, then move on).
  response.redirect({ method: 'POST' }, answerUrl);
  return response.toString();
}

/** Says the text, then hangs up: the thanks at the end, or the goodbye of a poll that is over. */
export function sayAndHangUp(text: string): string {
  const response = new twilio.twiml.VoiceResponse();
  response.say(SPEECH, text);
  response.hangup();
  return response.toString();
}

/** Status callbacks need no instructions. */
export const pollEmptyResponse = () => new twilio.twiml.VoiceResponse().toString();
