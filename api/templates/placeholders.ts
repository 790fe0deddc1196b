// Which placeholders a template text uses and which of them its renderer would not fill in.
// The allowed ones come from rules/templates/placeholders.ts (TEMPLATE_PLACEHOLDERS), where the
// renderers are bound to them by type.
import { PLACEHOLDER, TEMPLATE_PLACEHOLDERS } from '../../rules/templates/placeholders';

/** Anything in braces: a well-formed placeholder, or a typo the citizen would see verbatim. */
const BRACED = /\{([^{}]*)\}/g;

export function allowedPlaceholders(code: string): readonly string[] {
  return (TEMPLATE_PLACEHOLDERS as Record<string, readonly string[]>)[code] ?? [];
}

/** The braced names in `text` that rendering would leave as they are, in order of appearance. */
export function unknownPlaceholders(text: string, allowed: readonly string[]): string[] {
  const wellFormed = new RegExp(`^${PLACEHOLDER.source}$`);
  const unknown = [...text.matchAll(BRACED)].map((match) => match[0]).filter((braced) => !wellFormed.test(braced) || !allowed.includes(braced.slice(1, -1)));
  return [...new Set(unknown)];
}

/** A field error for `text`, or null when every placeholder is one the renderer fills in. */
export function placeholderProblem(text: string, allowed: readonly string[]): string | null {
  const unknown = unknownPlaceholders(text, allowed);
  if (unknown.length === 0) return null;
  const known = allowed.length > 0 ? allowed.map((name) => `{${name}}`).join(' ') : 'none';
  return `unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.join(' ')}; this template knows ${known}`;
}
