// The API words its field errors in English (its zod schemas); the console shows them in the
// user's language. Known messages are translated; anything else is shown as the API sent it.
import { i18nProvider } from '../i18n/i18nProvider';

const EXACT: Record<string, string> = {
  required: 'required',
  'a case number (digits)': 'caseNumber',
  'digits, optionally with a leading +': 'phone',
  'a date, yyyy-MM-dd': 'date',
  'must be JSON': 'json',
  'must be positive': 'positive',
  'at least one role': 'oneRole',
  'at least one answer': 'oneAnswer',
  'the lead unit cannot also assist': 'leadAlsoAssists',
  'a unit is listed twice': 'unitTwice',
  'say why the result is sent back': 'sayWhySentBack',
  'required when the citizen was reached': 'requiredWhenReached',
  'required when approving a return': 'requiredWhenApproving',
  'must not contain the username': 'containsUsername',
  'is the node itself or below it': 'treeCycle',
  'no such category': 'noSuchCategory',
  'no such active category': 'noSuchCategory',
  'no such unit': 'noSuchUnit',
  'no such active unit': 'noSuchUnit',
  'no such case type': 'noSuchCaseType',
  'no such active case type': 'noSuchCaseType',
  'at most a year': 'atMostAYear',
  'no such case': 'noSuchCase',
  'no such notice on this case': 'noSuchNotice',
  unchanged: 'unchanged',
  'no such active user': 'noSuchUser',
  'has no unit role (unitHandler or unitLeader)': 'noUnitRole',
  'already the handler': 'alreadyHandler',
};

const PATTERNS: [RegExp, string, (match: RegExpMatchArray) => Record<string, string>][] = [
  [/^not a user of (\S+)$/, 'notOfUnit', (m) => ({ unit: m[1]! })],
  [/^(\S+) already has a part in this case$/, 'alreadyHandles', (m) => ({ unit: m[1]! })],
  [/^(\S+) already has it for information$/, 'alreadyForwarded', (m) => ({ unit: m[1]! })],
  [/^at most (\d+) characters$/, 'atMostCharacters', (m) => ({ max: m[1]! })],
  [/^at least (\d+(?:\.\d+)?)$/, 'atLeast', (m) => ({ min: m[1]! })],
  [/^at most (\d+(?:\.\d+)?)$/, 'atMost', (m) => ({ max: m[1]! })],
];

/** One API field message in the console's language. */
export const localizeFieldMessage = (message: string): string => {
  const exact = EXACT[message];
  if (exact !== undefined) return i18nProvider.translate(`hotline.apiField.${exact}`, { _: message });
  for (const [pattern, key, args] of PATTERNS) {
    const match = message.match(pattern);
    if (match) return i18nProvider.translate(`hotline.apiField.${key}`, { ...args(match), _: message });
  }
  return message;
};
