// What an inbound SMS asks for. Citizens type on phones with Chinese input methods, so the
// parser forgives full-width digits and letters (NFKC), spaces anywhere, case, and a colon
// between keyword and number; anything it does not recognise is a petition in the citizen's words.
// A survey answer is one message with two parts, satisfaction then "resolved?" ("11", "1 2",
// "3，2", "满意 已解决"); satisfaction alone is still an answer (resolved then unknown).
import type { db } from '../../../prisma/client';

export type SmsIntent =
  | { intent: 'query'; caseNo: string | null }
  | { intent: 'surveyReply'; satisfaction: db.Satisfaction; resolved: boolean | null }
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
const RESOLVED: Record<string, boolean> = {
  '1': true,
  '已解决': true,
  '解决': true,
  '2': false,
  '未解决': false,
  '没解决': false,
  '没有解决': false,
};
/** Satisfaction (digit or words), an optional separator, then the "resolved?" part. */
const SURVEY_ANSWER = /^(1|2|3|满意|基本满意|不满意)[,，、;；/]?(1|2|已解决|解决|未解决|没解决|没有解决)?$/;
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
  const survey = SURVEY_ANSWER.exec(text);
  if (survey) return { intent: 'surveyReply', satisfaction: SURVEY[survey[1]!]!, resolved: survey[2] === undefined ? null : RESOLVED[survey[2]]! };
  const query = QUERY.exec(text);
  if (query) return { intent: 'query', caseNo: query[1] ?? null };
  return { intent: 'intake' };
}
