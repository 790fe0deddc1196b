// The citizen's identity as a unit may see it: masked in fields and inside free text alike.
//
// Seed 003 (不得泄露投诉人信息): units never learn who petitioned. A field such as citizenPhone is
// easy to mask; the leak is in text — the content an operator typed ("联系电话：13911116666"), an
// IVR's speech result, a transcript, an SMS body. So every string that goes out to a unit passes
// through maskIdentityInText, which finds
//   - mainland mobiles (1[3-9] + 9 digits), with or without +86 / 0086 / 86, spaced or dashed;
//   - any +86 / 0086 number (E.164 landlines) and landlines with their area code (0531-88886666,
//     (010)12345678), and 7–8 digit numbers right after a word such as 电话 / 号码 / tel;
//   - 18-character resident ID numbers;
//   - the citizen's own name and phone as recorded on the case (known identity), in any form;
// in ASCII, full-width (１３９…) and Chinese numerals (一三九…), and masks them.
// Numbers of the hotline and of units (keep) stay readable: they are no one's identity.
//
// A confidential case (保密: 实名保密 asked, or a 举报) is withheld rather than masked: every
// identity found in its text, and its name, phone and address fields, become WITHHELD (no
// surname, no last digits); its known name, phone and address are withheld wherever they appear.
// A case the reading unit is complained about in (回避) gives it none of the citizen's words:
// title, content, transcripts, speech results, SMS and callback comments become RECUSED.
import { dialableNumber, phoneForms } from './phoneNumbers';

export interface KnownIdentity {
  names: string[];
  phones: string[];
  /** Withheld only (a confidential case's address): an address alone is no identity otherwise. */
  addresses?: string[];
}

export interface MaskOptions {
  /** Staff numbers (the hotline's, units' duty phones) left readable, in any form. */
  keep?: ReadonlySet<string>;
  /** Confidential cases' identities: replaced whole by WITHHELD wherever they appear. */
  withheld?: KnownIdentity;
  /** Every identity found is replaced whole by WITHHELD instead of masked (a confidential case's text). */
  withholdAll?: boolean;
}

/** What a unit reads in place of a confidential case's identity. */
export const WITHHELD = '［保密］';
/** What a unit complained about in a case reads in place of the citizen's words. */
export const RECUSED = '［内容按回避规则不予提供］';

export const NO_KNOWN_IDENTITY: KnownIdentity = { names: [], phones: [] };

/** "+8613912345678" → "+86139****5678"; 7 or fewer characters → "****". */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  return phone.length <= 7 ? '****' : `${phone.slice(0, phone.length - 8)}****${phone.slice(-4)}`;
}

/** "王小明" → "王**" */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  return `${[...name][0]}${'*'.repeat(Math.max(1, [...name].length - 1))}`;
}

/** "370102199001011234" → "3701**********1234" */
function maskIdCard(id: string): string {
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

const CHINESE_DIGITS: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 幺: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

const CHINESE_NUMERAL = '[〇零一二三四五六七八九幺]';
/** A number read out in Chinese numerals (a transcript, a speech result): 7 or more of them. */
const SPOKEN_NUMBER = new RegExp(`${CHINESE_NUMERAL}(?:[ \\-\u3000]?${CHINESE_NUMERAL}){6,}`, 'g');

/**
 * The text with every character that can stand in a number replaced by its ASCII form, one
 * UTF-16 unit for one (all are in the BMP), so that positions in it are positions in the text.
 * Chinese numerals only where they spell a number (7 or more in a row): a lone 四 stays a
 * character, so that "李四13911116666" still has its number bounded.
 */
function normalized(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(code - 0xff10 + 0x30);
    else if (ch === '＋') out += '+';
    else if (ch === '－' || ch === '—' || ch === '–' || ch === '‐') out += '-';
    else if (ch === '\u3000' || ch === '\u00a0') out += ' ';
    else if (ch === '（') out += '(';
    else if (ch === '）') out += ')';
    else if (ch.length === 1) out += ch;
    else out += '\u0000\u0000'; // an astral character (emoji): two units, never part of a number
  }
  return out.replace(SPOKEN_NUMBER, (run) => [...run].map((ch) => CHINESE_DIGITS[ch] ?? ch).join(''));
}

/** How many digits a text holds, in any form (1, １, 一, 幺 …). */
export function digitCount(text: string): number {
  return [...normalized(text)].filter((ch) => /\d/.test(ch) || CHINESE_DIGITS[ch] !== undefined).length;
}

const SEP = '[ \\-]?';
const DIGIT_RUN = (min: number, max: number) => `\\d(?:${SEP}\\d){${min - 1},${max - 1}}`;
const ID_CARD = '[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx]';
const MOBILE = `(?:(?:\\+|00)?86${SEP})?1${SEP}[3-9](?:${SEP}\\d){9}`;
const INTERNATIONAL = `(?:\\+|00)86${SEP}(?:\\(\\d{2,4}\\)${SEP})?${DIGIT_RUN(7, 11)}`;
const LANDLINE = `(?:\\(0\\d{2,3}\\)|0\\d{2,3})${SEP}\\d{3,4}${SEP}\\d{4}`;
const AFTER_KEYWORD = `(?<=(?:电话|手机|座机|号码|联系方式|来电|tel|phone|mobile)[:： ]{0,3})\\d{3,4}${SEP}\\d{4}`;
// Bounded by anything but a letter or digit: ids, SIDs and hashes keep their digits.
const PATTERN = new RegExp(`(?<![0-9A-Za-z])(?:(${ID_CARD})|${MOBILE}|${INTERNATIONAL}|${LANDLINE}|${AFTER_KEYWORD})(?![0-9A-Za-z])`, 'giu');

// A name the citizen gives of themself in the text ("我叫王小明，…", "姓名：王小明"): 2–3 Han
// characters closed by punctuation, a space or the end, not starting with a word that makes 我叫 a
// verb ("我叫了物业", "我叫他们") — so that those stay as they are.
const SELF_NAMED = /(?<=(?:我叫|姓名[:： ]{0,2}))(?![了过来人他她你我们的])\p{Script=Han}{2,3}(?=[，,。.；;、!！?？\s)）]|$)/gu;

const digitsOf = (text: string) => text.replace(/[^\d+]/g, '');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A known number in any spacing: its national digits with optional separators, any prefix. */
function knownPhonePattern(phones: string[]): RegExp | null {
  const nationals = new Set<string>();
  for (const phone of phones) {
    for (const form of phoneForms(phone)) {
      const digits = form.replace(/\D/g, '').replace(/^(?:0086|86)(?=\d{7,})/, '');
      if (digits.length >= 5) nationals.add(digits);
    }
  }
  if (nationals.size === 0) return null;
  const alternatives = [...nationals].sort((a, b) => b.length - a.length).map((digits) => [...digits].join(SEP));
  return new RegExp(`(?<!\\d)(?:(?:\\+|00)?86${SEP})?(?:${alternatives.join('|')})(?!\\d)`, 'g');
}

interface Range {
  start: number;
  end: number;
  replacement: string;
}

/** A compiled masker for one set of known identities (reused over a whole response). */
/** Literal texts (names, addresses) in one pattern, longest first, so that "王小明" goes whole before "王小" could. */
function literalPattern(texts: string[], minLength: number): RegExp | null {
  const unique = [...new Set(texts.map((n) => n.trim()).filter((n) => [...n].length >= minLength && !n.includes('*')))].sort((a, b) => b.length - a.length);
  return unique.length > 0 ? new RegExp(unique.map(escapeRegExp).join('|'), 'g') : null;
}

export function identityMasker(known: KnownIdentity = NO_KNOWN_IDENTITY, options: MaskOptions = {}): (text: string) => string {
  const keep = new Set([...(options.keep ?? [])].map((n) => dialableNumber(n)));
  const withheld = options.withheld ?? NO_KNOWN_IDENTITY;
  const knownPhones = knownPhonePattern(known.phones.filter((p) => p && !keep.has(dialableNumber(p))));
  const withheldPhones = knownPhonePattern(withheld.phones.filter((p) => p && !keep.has(dialableNumber(p))));
  const namePattern = literalPattern(known.names, 2);
  const withheldPattern = literalPattern([...withheld.names, ...(withheld.addresses ?? [])], 2);
  const all = options.withholdAll === true;

  return (text: string) => {
    if (text.length < 2) return text;
    const plain = normalized(text);
    const ranges: Range[] = [];
    const add = (start: number, end: number, replacement: string) => {
      if (ranges.some((r) => start < r.end && end > r.start)) return;
      ranges.push({ start, end, replacement: all ? WITHHELD : replacement });
    };
    // Withheld identities first: where they overlap a masked form, WITHHELD wins.
    if (withheldPhones) {
      for (const match of plain.matchAll(withheldPhones)) add(match.index, match.index + match[0].length, WITHHELD);
    }
    if (withheldPattern) {
      for (const match of text.matchAll(withheldPattern)) add(match.index, match.index + match[0].length, WITHHELD);
    }
    for (const match of plain.matchAll(PATTERN)) {
      const start = match.index;
      const compact = digitsOf(match[0]);
      if (match[1]) add(start, start + match[0].length, maskIdCard(match[0]));
      else if (!keep.has(dialableNumber(compact))) add(start, start + match[0].length, maskPhone(compact)!);
    }
    if (knownPhones) {
      for (const match of plain.matchAll(knownPhones)) add(match.index, match.index + match[0].length, maskPhone(digitsOf(match[0]))!);
    }
    // Names in the text as written (三 and 一 are characters of names, not digits, here).
    for (const match of text.matchAll(SELF_NAMED)) add(match.index, match.index + match[0].length, maskName(match[0])!);
    if (namePattern) {
      for (const match of text.matchAll(namePattern)) add(match.index, match.index + match[0].length, maskName(match[0])!);
    }
    if (ranges.length === 0) return text;
    ranges.sort((a, b) => a.start - b.start);
    let out = '';
    let at = 0;
    for (const range of ranges) {
      out += text.slice(at, range.start) + range.replacement;
      at = range.end;
    }
    return out + text.slice(at);
  };
}

/** One text with the identities in it masked (see the top of this file). */
export function maskIdentityInText(text: string, known: KnownIdentity = NO_KNOWN_IDENTITY, options: MaskOptions = {}): string {
  return identityMasker(known, options)(text);
}

/** Keys whose values are identifiers (case numbers, SIDs, hashes): never identity, never masked. */
const IDENTIFIER_KEY = /^(?:id|.*Id|.*Ids|.*Sid|hash|prevHash|chainKey|idempotencyKey|workflowId|runId)$/;
/** …unless the name says it is a number or a caller (callerId is a phone number). */
const PHONE_LIKE_KEY = /caller|phone|number|mobile/i;
/** Keys that hold the citizen's own name or number: masked whatever their form. */
const NAME_KEYS = new Set(['citizenName']);
const PHONE_KEYS = new Set(['citizenPhone']);
/** Keys that hold a party's number: masked unless it is a staff number (MaskOptions.keep). */
const NUMBER_KEYS = new Set(['fromNumber', 'toNumber', 'callerId', 'phone']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A confidential case's place: withheld with its identity. */
const PLACE_KEYS = new Set(['address', 'latitude', 'longitude']);
/** Keys whose text is the citizen's own words (the request, what they said or wrote, their comment). */
const CITIZEN_WORD_KEYS = new Set(['title', 'content', 'text', 'speechResult', 'body', 'comment', 'transcriptText']);

/** How the part of a body that belongs to one case is presented (see the top of this file). */
export interface CaseTreatment {
  /** 保密: identities withheld whole. */
  withhold: boolean;
  /** 回避: the citizen's words replaced by RECUSED; any text containing one of `words` too. */
  recuse: boolean;
  words?: string[];
}

export interface DeepMaskOptions extends MaskOptions {
  /** The treatment of the whole body (the case in the request's path). */
  root?: CaseTreatment;
  /** The treatment of an object that belongs to a case (a case row, a row with its caseId); inherited below it. */
  treatmentOf?: (record: Record<string, unknown>) => CaseTreatment | undefined;
}

/**
 * A copy of a response body (objects, arrays, strings; Dates, Decimals and other class instances
 * pass as they are) with every identity masked: the citizen fields, and identities in any text.
 * Parts that belong to a confidential case are withheld, parts of a recused case lose the
 * citizen's words (DeepMaskOptions).
 */
export function maskIdentityDeep<T>(value: T, known: KnownIdentity = NO_KNOWN_IDENTITY, options: DeepMaskOptions = {}): T {
  const mask = identityMasker(known, options);
  const withholding = identityMasker(known, { ...options, withholdAll: true });
  const staff = new Set([...(options.keep ?? [])].map((n) => dialableNumber(n)));
  const walk = (item: unknown, key: string | null, treatment: CaseTreatment | undefined): unknown => {
    const withhold = treatment?.withhold === true;
    if (withhold && key !== null && PLACE_KEYS.has(key) && item !== null && item !== undefined) return key === 'address' ? WITHHELD : null;
    if (typeof item === 'string') {
      if (treatment?.recuse && key !== null && (CITIZEN_WORD_KEYS.has(key) || (treatment.words ?? []).some((w) => w.length >= 4 && item.includes(w)))) return RECUSED;
      if (key !== null && NAME_KEYS.has(key)) return withhold ? WITHHELD : maskName(item);
      if (key !== null && PHONE_KEYS.has(key)) return withhold ? WITHHELD : maskPhone(item);
      // A call's or message's numbers: any that is not the hotline's or a unit's is a citizen's,
      // in whatever format (a foreign number too).
      if (key !== null && NUMBER_KEYS.has(key)) return staff.has(dialableNumber(item)) ? item : withhold ? WITHHELD : maskPhone(item);
      if (key !== null && IDENTIFIER_KEY.test(key) && !PHONE_LIKE_KEY.test(key)) return item;
      return withhold ? withholding(item) : mask(item);
    }
    if (Array.isArray(item)) return item.map((element) => walk(element, key, treatment));
    if (isPlainObject(item)) {
      const own = options.treatmentOf?.(item);
      const inner = own ? { withhold: own.withhold || withhold, recuse: own.recuse || treatment?.recuse === true, words: [...(own.words ?? []), ...(treatment?.words ?? [])] } : treatment;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(item)) out[k] = walk(v, k, inner);
      return out;
    }
    return item;
  };
  return walk(value, null, options.root) as T;
}

/** Whether a value shows any identity in clear (what maskIdentityDeep would change). */
export function showsIdentity(value: unknown, known: KnownIdentity = NO_KNOWN_IDENTITY, options: MaskOptions = {}): boolean {
  return JSON.stringify(maskIdentityDeep(value, known, options)) !== JSON.stringify(value);
}

/** The known identity of case rows (their recorded name and phone). */
export function knownIdentityOf(rows: { citizenName: string | null; citizenPhone: string | null }[]): KnownIdentity {
  return {
    names: rows.flatMap((r) => (r.citizenName ? [r.citizenName] : [])),
    phones: rows.flatMap((r) => (r.citizenPhone ? [r.citizenPhone] : [])),
  };
}
