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

/** The message for a value that is missing or not a string (zod's default otherwise). */
export interface TextOptions {
  error?: string;
}

/**
 * Free text on several lines (content, reasons, replies, comments): cleaned, trimmed, at most
 * `max` characters. Chain `.min(1, 'required')` where it may not be empty.
 */
export function multiLineText(max: number, options: TextOptions = {}) {
  return z.string(options).overwrite(cleanText).trim().max(max, atMost(max));
}

/** Free text on one line (titles, names, addresses, search words). */
export function singleLineText(max: number, options: TextOptions = {}) {
  return z.string(options).overwrite(cleanLine).trim().max(max, atMost(max));
}

/** Non-empty free text on several lines. */
export const requiredText = (max: number, options: TextOptions = {}) => multiLineText(max, options).min(1, 'required');

/** Non-empty free text on one line. */
export const requiredLine = (max: number, options: TextOptions = {}) => singleLineText(max, options).min(1, 'required');

const PRINTABLE_ASCII = /^[\x21-\x7E]*$/;
const isPrintableAscii = (value: string) => PRINTABLE_ASCII.test(value);

/**
 * An id or code chosen by the system or an admin (unit ids, case numbers, slugs, uuids, Twilio
 * sids, dates): printable ASCII without spaces, refused otherwise. Chain `.regex()` or
 * `.refine()` for a stricter form; the ASCII check is a refinement, so that the OpenAPI
 * description shows only that stricter pattern.
 */
export function identifier(max = 100, options: TextOptions = {}) {
  return z
    .string(options)
    .trim()
    .min(1, 'required')
    .max(max, atMost(max))
    .refine(isPrintableAscii, 'letters, digits and punctuation only (no spaces or control characters)');
}

const SAFE = (value: string) => !hasUnsafeCharacters(value);
const UNSAFE_MESSAGE = 'must not contain control characters or broken Unicode';

/**
 * Text kept exactly as it came, because changing it would change what it means (a phone number
 * as typed, with its spaces, before it is checked further): refused when it holds what
 * cleanText would drop or replace.
 */
export function exactText(max: number, options: TextOptions = {}) {
  return z.string(options).max(max, atMost(max)).refine(SAFE, UNSAFE_MESSAGE);
}

/** A password or token: kept exactly as typed, so refused when it holds unsafe characters. */
export const secretText = (max: number, options: TextOptions = {}) => exactText(max, options);

/**
 * A string that only carries other values (JSON in a query parameter, a comma-separated list):
 * never kept itself; what it is parsed into is checked with the builders of this file.
 */
export const carrierText = () => z.string();

/** Text in a schema that describes an answer we send, never a request. */
export const responseText = () => z.string();

/**
 * An http(s) URL given to us to fetch or show (Open311 media, Twilio recordings): zod's own
 * check lets control and bidirectional characters through, so they are refused here.
 */
export function webAddress(max: number, message = 'an http(s) URL') {
  return z.url({ protocol: /^https?$/, message }).max(max, atMost(max)).refine(SAFE, UNSAFE_MESSAGE);
}

/** How deep a JSON value kept in jsonb may nest (rule settings need a few levels). */
export const MAX_JSON_DEPTH = 32;

const TOO_DEEP = `a JSON value, nested at most ${MAX_JSON_DEPTH} levels deep`;

/**
 * Why `value` is not what JSON.parse gives nested at most MAX_JSON_DEPTH deep, or null when it
 * is. Iterative: a request of ten thousand nested arrays must get a 400, not exhaust the stack
 * (cleanJson and zod's own z.json() recurse). A number beyond a double (1e400 parses to
 * Infinity) is named as such, not as a nesting problem.
 */
function jsonProblem(value: unknown): string | null {
  if (value === undefined) return 'required';
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item === 'string' || typeof item === 'boolean') continue;
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return 'numbers must be finite';
      continue;
    }
    const isContainer = Array.isArray(item) || (typeof item === 'object' && Object.getPrototypeOf(item) === Object.prototype);
    if (!isContainer) return 'a JSON value';
    if (depth >= MAX_JSON_DEPTH) return TOO_DEEP;
    for (const child of Object.values(item as object)) pending.push([child, depth + 1]);
  }
  return null;
}

/**
 * Any JSON value (kept in jsonb): its strings and keys cleaned. Described as "any value" (z.json()
 * would describe itself with a recursive $ref that an OpenAPI document cannot resolve).
 */
export const jsonValue = z
  .unknown()
  .superRefine((value, ctx) => {
    const problem = jsonProblem(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((value) => cleanJson(value));

/** A time of day, HH:mm (a span's start). */
export const clockTime = () => identifier(5).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm');
/** The end of a span of the day: 24:00 is midnight at its end (a span that runs all day). */
export const endClockTime = () => identifier(5).regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'HH:mm, or 24:00 for the end of the day');
