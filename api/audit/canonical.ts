// The canonical form of an audit row and its hash, written in TypeScript without asking the
// database, so that the verification does not trust the code it checks. It must produce the
// very bytes of audit_event_canonical() in the migration 20261124100001_audit_hash_chain:
// a JSON array as PostgreSQL's jsonb prints it (docs/audit.md, "The canonical form").
import { createHash } from 'node:crypto';

export const CANONICAL_VERSION = 'hotline-audit-v1';
/** prevHash of a chain's first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** A JSON number kept as its decimal text: a float would turn 1.50 into 1.5 and lose digits. */
export class JsonNumber {
  constructor(readonly literal: string) {}
}

const NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * A JSON number as PostgreSQL's numeric prints it: never an exponent, and as many decimals as
 * the literal meant (1.5e-7 → 0.00000015, 1e21 → 1000000000000000000000, 1.50 → 1.50).
 */
export function plainDecimal(literal: string): string {
  const match = NUMBER.exec(literal);
  if (!match) throw new Error(`not a JSON number: ${literal}`);
  const [, sign = '', whole = '', fraction = '', exponentText] = match;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  const digits = whole + fraction;
  const point = whole.length + exponent;
  const scale = Math.max(0, fraction.length - exponent);
  let integerPart = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0');
  integerPart = integerPart.replace(/^0+(?=\d)/, '');
  const fractionPart = point >= 0 ? digits.slice(point).padEnd(scale, '0').slice(0, scale) : '0'.repeat(-point) + digits;
  const text = scale > 0 ? `${integerPart}.${fractionPart}` : integerPart;
  return sign && /[1-9]/.test(text) ? `-${text}` : text;
}

/** jsonb orders an object's keys by their length in bytes (UTF-8), then byte by byte. */
function compareKeys(a: string, b: string): number {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length - right.length || Buffer.compare(left, right);
}

/**
 * A JSON value printed as jsonb's text output prints it: ", " between items, ": " after keys,
 * keys ordered as above, strings escaped like escape_json() (the same set JSON.stringify
 * escapes), numbers as plainDecimal(). Values go through toJSON and lose undefined properties,
 * as when Prisma sends them.
 */
export function canonicalJson(value: unknown): string {
  if (value !== null && typeof value === 'object' && 'toJSON' in value && typeof value.toJSON === 'function') value = value.toJSON();
  if (value === null || value === undefined) return 'null';
  if (value instanceof JsonNumber) return plainDecimal(value.literal);
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) return 'null'; // as JSON.stringify writes it
      return plainDecimal(String(value));
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(', ')}]`;
      const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined && typeof item !== 'function');
      entries.sort(([a], [b]) => compareKeys(a, b));
      return `{${entries.map(([key, item]) => `${JSON.stringify(key)}: ${canonicalJson(item)}`).join(', ')}}`;
    }
    default:
      throw new Error(`not a JSON value: ${typeof value}`);
  }
}

const TOKEN = /\s*(?:("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)|([{}[\]:,]))/y;

/** JSON.parse, except that numbers stay JsonNumber (their text) instead of floats. */
export function parseJsonKeepingNumbers(text: string): unknown {
  const tokens = new RegExp(TOKEN); // its own lastIndex
  const next = (): RegExpExecArray => {
    const at = tokens.lastIndex;
    const match = tokens.exec(text);
    if (!match) throw new Error(`invalid JSON at ${at}`);
    return match;
  };
  const value = (token: RegExpExecArray): unknown => {
    const [, string, number, literal, punctuation] = token;
    if (string !== undefined) return JSON.parse(string) as string;
    if (number !== undefined) return new JsonNumber(number);
    if (literal !== undefined) return literal === 'null' ? null : literal === 'true';
    if (punctuation === '[') {
      const items: unknown[] = [];
      let item = next();
      if (item[4] === ']') return items;
      for (;;) {
        items.push(value(item));
        const separator = next()[4];
        if (separator === ']') return items;
        if (separator !== ',') throw new Error('invalid JSON array');
        item = next();
      }
    }
    if (punctuation === '{') {
      const object: Record<string, unknown> = {};
      let key = next();
      if (key[4] === '}') return object;
      for (;;) {
        if (key[1] === undefined || next()[4] !== ':') throw new Error('invalid JSON object');
        Object.defineProperty(object, JSON.parse(key[1]) as string, { value: value(next()), enumerable: true, writable: true, configurable: true });
        const separator = next()[4];
        if (separator === '}') return object;
        if (separator !== ',') throw new Error('invalid JSON object');
        key = next();
      }
    }
    throw new Error(`unexpected ${punctuation} in JSON`);
  };
  const result = value(next());
  if (text.slice(tokens.lastIndex).trim() !== '') throw new Error('trailing text after JSON');
  return result;
}

/** The fields of an audit row that its hash covers. */
export interface AuditLink {
  chainKey: string;
  chainSeq: number;
  prevHash: string;
  idempotencyKey: string;
  caseId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  actorId: string | null;
  actorRole: string | null;
  actorUnitId: string | null;
  reason: string | null;
  occurredAt: Date;
  /** The payload as a value (numbers as JsonNumber when read back from jsonb text). */
  payload: unknown;
}

export function canonicalAuditRow(row: AuditLink): string {
  return canonicalJson([
    CANONICAL_VERSION, row.chainKey, row.chainSeq, row.prevHash,
    row.idempotencyKey, row.caseId, row.entityType, row.entityId, row.action,
    row.actorId, row.actorRole, row.actorUnitId, row.reason,
    row.occurredAt.toISOString(),
    row.payload,
  ]);
}

export function auditRowHash(row: AuditLink): string {
  return createHash('sha256').update(canonicalAuditRow(row), 'utf8').digest('hex');
}
