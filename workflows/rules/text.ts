// The text policy: what every door does with text from outside (a citizen's words, an admin's
// value, a Twilio speech result) before a workflow or a table keeps it. Free text is normalised,
// never refused for its characters: control characters a person cannot type on purpose are
// dropped, broken UTF-16 becomes U+FFFD, and the result is NFC. Identifiers, codes and secrets
// are refused instead (400 with the field), since a changed id would name something else.
// Pure (no I/O): the API's schemas, the workflow's command validation and the database guard
// (prisma/textGuard.ts) all use it. docs/input.md is its description for people.
import { z } from 'zod';

/**
 * Dropped from free text: C0 controls except tab and newline (NUL among them; CR is turned into
 * a newline first), DEL, C1 controls, the byte-order mark, and the bidirectional embedding,
 * override and isolate controls (they make text read differently from what it holds).
 */
const DROPPED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF\u202A-\u202E\u2066-\u2069]/g;
/** A high surrogate without its low half, or a low one without its high half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const LINE_BREAKS = /\r\n?/g;
const SINGLE_LINE_BREAKS = /[\t\n]+/g;

/** Free text as it may be kept: see the file's opening comment. Idempotent. */
export function cleanText(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD').replace(LINE_BREAKS, '\n').replace(DROPPED, '').normalize('NFC');
}

/** A single line (titles, names, addresses): tabs and newlines become spaces. */
export function cleanLine(value: string): string {
  return cleanText(value).replace(SINGLE_LINE_BREAKS, ' ');
}

/** Whether a string holds what cleanText would change (other than NFC). */
export function hasUnsafeCharacters(value: string): boolean {
  LONE_SURROGATE.lastIndex = 0;
  DROPPED.lastIndex = 0;
  return LONE_SURROGATE.test(value) || DROPPED.test(value) || value.includes('\r');
}

/**
 * Only what PostgreSQL itself refuses: NUL (in text and jsonb) and lone surrogates (in jsonb).
 * The database guard applies this and nothing more, so that a value a door let through on
 * purpose (an audit payload's control characters, say) is stored as it was sent.
 */
export function storableText(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\u0000', '');
}

/** Whether storableText would change the string. */
export function isUnstorable(value: string): boolean {
  LONE_SURROGATE.lastIndex = 0;
  return value.includes('\u0000') || LONE_SURROGATE.test(value);
}

/** Every string inside a JSON value (object keys too) cleaned; other values as they are. */
export function cleanJson<T>(value: T, clean: (text: string) => string = cleanText): T {
  if (typeof value === 'string') return clean(value) as T;
  if (Array.isArray(value)) return value.map((item) => cleanJson(item, clean)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [clean(key), cleanJson(item, clean)])) as T;
  }
  return value;
}

const atMost = (max: number) => `at most ${max} characters`;

/**
 * Free text on several lines (content, reasons, replies, comments): cleaned, trimmed, at most
 * `max` characters. Chain `.min(1, 'required')` where it may not be empty.
 */
export function multiLineText(max: number) {
  return z.string().overwrite(cleanText).trim().max(max, atMost(max));
}

/** Free text on one line (titles, names, addresses, search words). */
export function singleLineText(max: number) {
  return z.string().overwrite(cleanLine).trim().max(max, atMost(max));
}

/** Non-empty free text on several lines. */
export const requiredText = (max: number) => multiLineText(max).min(1, 'required');

/** Non-empty free text on one line. */
export const requiredLine = (max: number) => singleLineText(max).min(1, 'required');

const PRINTABLE_ASCII = /^[\x21-\x7E]+$/;

/**
 * An id or code chosen by the system or an admin (unit ids, case numbers, slugs, uuids):
 * printable ASCII without spaces, refused otherwise.
 */
export function identifier(max = 100) {
  return z
    .string()
    .trim()
    .min(1, 'required')
    .max(max, atMost(max))
    .regex(PRINTABLE_ASCII, 'letters, digits and punctuation only (no spaces or control characters)');
}

/** A password or token: kept exactly as typed, so refused when it holds unsafe characters. */
export function secretText(max: number) {
  return z
    .string()
    .max(max, atMost(max))
    .refine((value) => !hasUnsafeCharacters(value), 'must not contain control characters or broken Unicode');
}

/** Any JSON value (kept in jsonb): its strings and keys cleaned. */
export const jsonValue = z.json().transform((value) => cleanJson(value));
