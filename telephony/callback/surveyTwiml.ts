// What a survey call (回访电话) says, as TwiML (built by ../keypadTwiml.ts): the admin's `voice.survey` prompt (satisfaction)
// and then `voice.surveyResolved` (resolved?), each with a one-key <Gather>, the repeat after a
// wrong or missing key, and the ways the call ends. Citizens hear
// Mandarin; the case number is read digit by digit.
import type { Satisfaction } from '../../rules/lifecycle/types';
import { keypadQuestion, sayAndHangUp } from '../keypadTwiml';

export const SURVEY_KEYS: Record<string, Satisfaction> = { '1': 'satisfied', '2': 'basicallySatisfied', '3': 'unsatisfied' };
/** The second question's keys. */
export const RESOLVED_KEYS: Record<string, boolean> = { '1': true, '2': false };

const TEXTS = {
  invalidKey: '抱歉，没有听清您的选择。',
  thanks: '感谢您对12345热线工作的评价，再见。',
  noValidKey: '没有收到您的选择，我们稍后会再与您联系。感谢接听，再见。',
  surveyOver: '您好，这里是12345热线，本次回访已结束，感谢您的支持，再见。',
  busy: '抱歉，系统繁忙，我们稍后会再与您联系，再见。',
};

const CHINESE_DIGITS = '零一二三四五六七八九';

/** "2026112300001" → "二零二六一一二三零零零零一": each digit spoken, not the number. */
export function spokenDigits(text: string): string {
  return text.replace(/\d/g, (digit) => CHINESE_DIGITS[Number(digit)]!);
}

export function repeatQuestion(prompt: string, answerUrl: string): string {
  return keypadQuestion(prompt, answerUrl, TEXTS.invalidKey);
}

export const thanksAndGoodbye = () => sayAndHangUp(TEXTS.thanks);
export const noValidKeyGoodbye = () => sayAndHangUp(TEXTS.noValidKey);
/** For a callback that is over, or a call this system does not know: polite, and nothing recorded. */
export const surveyOverGoodbye = () => sayAndHangUp(TEXTS.surveyOver);
export const busyGoodbye = () => sayAndHangUp(TEXTS.busy);
