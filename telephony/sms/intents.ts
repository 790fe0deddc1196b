// What an inbound SMS asks for. Citizens type on phones with Chinese input methods, so the
// parser forgives full-width digits and letters (NFKC), spaces anywhere, case, and a colon
// between keyword and number; anything it does not recognise is a petition in the citizen's words.
import type { db } from '../../prisma/client';

export type SmsIntent =
  | { intent: 'query'; caseNo: string | null }
  | { intent: 'surveyReply'; satisfaction: db.Satisfaction }
  | { intent: 'optOut' }
  | { intent: 'optIn' }
  | { intent: 'intake' }
  | { intent: 'unknown' };

const OPT_OUT = new Set(['TD', '退订', 'STOP', '取消', 'UNSUBSCRIBE', 'STOPALL', 'CANCEL', 'END', 'QUIT']);
const OPT_IN = new Set(['订阅', 'START', 'UNSTOP', 'YES']);
const SURVEY: Record<string, db.Satisfaction> = {
  '1': 'satisfied',
  '满意': 'satisfied',
  '2': 'basicallySatisfied',
  '基本满意': 'basicallySatisfied',
  '3': 'unsatisfied',
  '不满意': 'unsatisfied',
};
/** 查询 / 查 / CX, an optional 受理号 or 工单号, an optional colon, then the case number (digits). */
const QUERY = /^(?:查询|查|CX)(?:受理号|工单号?)?[:：#]?(\d{8,20})?$/;

/** The text as the parser compares it: half-width, upper case, no whitespace, no final full stop. */
export function compactText(body: string): string {
  return body.normalize('NFKC').toUpperCase().replace(/\s+/g, '').replace(/[。.!！]+$/, '');
}

export function parseSmsIntent(body: string): SmsIntent {
  const text = compactText(body);
  if (text === '') return { intent: 'unknown' };
  if (OPT_OUT.has(text)) return { intent: 'optOut' };
  if (OPT_IN.has(text)) return { intent: 'optIn' };
  const satisfaction = SURVEY[text];
  if (satisfaction) return { intent: 'surveyReply', satisfaction };
  const query = QUERY.exec(text);
  if (query) return { intent: 'query', caseNo: query[1] ?? null };
  return { intent: 'intake' };
}
