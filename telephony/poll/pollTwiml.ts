// What a poll call (民意调查) says, as TwiML: an introduction naming the poll, then each question
// with a one-key <Gather>, a question repeated once after a wrong or missing key, and thanks at
// the end. Citizens hear Mandarin.
import twilio from 'twilio';

const SPEECH = { language: 'zh-CN' } as const;
/** Seconds Twilio waits for the key after the prompt. */
const KEY_TIMEOUT_SECONDS = 8;

const TEXTS = {
  intro: (title: string) => `您好，这里是12345热线，正在开展“${title}”民意调查，请您用电话按键回答以下问题。`,
  invalidKey: '抱歉，没有听清您的选择。',
  thanks: '调查结束，感谢您的参与，再见。',
  over: '您好，这里是12345热线，本次调查已结束，感谢您的支持，再见。',
};

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

export const pollFirstQuestion = (title: string, prompt: string, answerUrl: string) => pollQuestion(prompt, answerUrl, TEXTS.intro(title));
export const pollRepeatQuestion = (prompt: string, answerUrl: string) => pollQuestion(prompt, answerUrl, TEXTS.invalidKey);

function sayAndHangUp(text: string): string {
  const response = new twilio.twiml.VoiceResponse();
  response.say(SPEECH, text);
  response.hangup();
  return response.toString();
}

export const pollThanks = () => sayAndHangUp(TEXTS.thanks);
/** For a poll or number that is over, or a call this system does not know: polite, nothing recorded. */
export const pollOver = () => sayAndHangUp(TEXTS.over);
/** Status callbacks need no instructions. */
export const pollEmptyResponse = () => new twilio.twiml.VoiceResponse().toString();
