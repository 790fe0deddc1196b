// Turning numbers, instants and case states into Chinese the caller hears, and what the caller
// said or keyed back into digits and choices.
import { SHANGHAI_OFFSET_MS } from '../../../rules/shanghaiTime';

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** "20260305" → "二 零 二 六 零 三 零 五": one digit at a time, as a case number is read out. */
export function spokenDigits(digits: string): string {
  return [...digits].map((c) => (/\d/.test(c) ? CHINESE_DIGITS[Number(c)] : c)).join(' ');
}

/** An instant as Shanghai wall-clock time, "2026年3月5日23时59分". */
export function spokenShanghaiDateTime(instant: Date): string {
  const local = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日${local.getUTCHours()}时${String(local.getUTCMinutes()).padStart(2, '0')}分`;
}

/**
 * Written text as something to say: markup characters and web addresses dropped (spoken, they
 * are noise), white space collapsed, and cut after the last full sentence within `maxChars` (or
 * at `maxChars` when one sentence is longer), so that a long answer does not hold the line.
 */
export function spokenPlainText(text: string, maxChars: number): string {
  const plain = text
    .replace(/https?:\/\/\S+/g, '')
    .replace(/[#*_`>|~\[\]]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= maxChars) return plain;
  const cut = plain.slice(0, maxChars);
  const sentenceEnd = Math.max(...['。', '！', '？', '；', '.', '!', '?', ';'].map((mark) => cut.lastIndexOf(mark)));
  return sentenceEnd > 0 ? cut.slice(0, sentenceEnd + 1) : cut;
}

const SPEECH_DIGITS: Record<string, string> = { 零: '0', 〇: '0', 一: '1', 幺: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** The digits in a speech result, spoken ("一三九…") or transcribed ("139…"); the rest dropped. */
export function digitsIn(text: string): string {
  return [...text].map((c) => (/\d/.test(c) ? c : (SPEECH_DIGITS[c] ?? ''))).join('');
}

/**
 * The caller's choice from keyed digits or a short speech answer: the first key pressed, or a
 * spoken digit, or one of the words the prompt offered (e.g. "人工" for 1).
 */
export function choiceOf(params: { Digits?: string; SpeechResult?: string }, words: Record<string, string> = {}): string | null {
  const keyed = params.Digits?.trim();
  if (keyed) return keyed.slice(0, 1);
  const said = params.SpeechResult?.trim();
  if (!said) return null;
  for (const [word, choice] of Object.entries(words)) if (said.includes(word)) return choice;
  const digits = digitsIn(said);
  return digits.length === 1 ? digits : null;
}
