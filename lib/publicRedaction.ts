// What the public may read of a case's text (公开: a result published on the citizen pages with
// personal data removed). It builds on the masker units read through (citizenIdentity.ts: mobile
// and landline numbers in any form, resident ID numbers, the citizen's own name and a name given
// in the text, "我叫…"), and adds what a unit may see but the public may not: the place — the
// case's recorded address wherever the text repeats it, and door numbers (88号, 3单元, 501室) in
// any address the text spells out — and the names of the staff who handled it.
// Names the text gives of other people in free form (no "我叫", not recorded on the case) are
// beyond any pattern; the office publishes only with the citizen's consent and only closed cases.
import { identityMasker, type KnownIdentity } from './citizenIdentity';

export interface PublicRedactionKnown extends KnownIdentity {
  /** Addresses recorded on the case: hidden whole wherever they occur. */
  addresses: string[];
}

const HIDDEN_ADDRESS = '***';

// A door number: digits (ASCII or full-width) before a building word; Chinese numerals only before
// words that cannot be a count in running text (三单元, not 一户人家). Not a date's day (12月3号),
// not a metro line (1号线). Bounded runs: no backtracking blow-up on hostile input.
const DOOR_NUMBER = /(?<![月\d０-９])[\d０-９]{1,8}[ \u3000]?(号楼|号院|号(?!线)|栋|幢|单元|室|层|户|弄)|(?<![月一二三四五六七八九十百零〇两])[一二三四五六七八九十百零〇两]{1,6}(号楼|号院|栋|幢|单元|室)/gu;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A compiled redactor for one case's known identities (reused over all its texts). */
export function publicRedactor(known: PublicRedactionKnown): (text: string) => string {
  const mask = identityMasker({ names: known.names, phones: known.phones });
  const addresses = [...new Set(known.addresses.map((a) => a.trim()).filter((a) => [...a].length >= 2))].sort((a, b) => b.length - a.length);
  const addressPattern = addresses.length > 0 ? new RegExp(addresses.map(escapeRegExp).join('|'), 'g') : null;
  return (text: string) => {
    const withoutAddresses = addressPattern ? text.replace(addressPattern, HIDDEN_ADDRESS) : text;
    return mask(withoutAddresses).replace(DOOR_NUMBER, (_match, digitWord: string | undefined, numeralWord: string | undefined) => `*${digitWord ?? numeralWord}`);
  };
}

/** One text as the public may read it. */
export function redactForPublic(text: string, known: PublicRedactionKnown): string {
  return publicRedactor(known)(text);
}
