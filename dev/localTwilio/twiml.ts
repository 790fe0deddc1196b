// TwiML documents as a tree of verbs, in document order. A document that is not well-formed XML
// or whose root is not <Response> is what Twilio reports as error 12100 (document parse failure).
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface TwimlNode {
  name: string;
  attrs: Record<string, string>;
  children: TwimlNode[];
  /** The concatenated text content (e.g. what <Say> speaks, the URL of <Play>). */
  text: string;
}

export class TwimlParseError extends Error {
  readonly code = 12100;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

type Ordered = Record<string, unknown>;

export function parseTwiml(xml: string): TwimlNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new TwimlParseError(`TwiML is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const root = toNodes(parser.parse(xml) as Ordered[]).find((node) => node.name !== '?xml');
  if (!root || root.name !== 'Response') throw new TwimlParseError(`TwiML root must be <Response>, not <${root?.name ?? 'nothing'}>`);
  return root;
}

function toNodes(items: Ordered[]): TwimlNode[] {
  const nodes: TwimlNode[] = [];
  for (const item of items) {
    const name = Object.keys(item).find((key) => key !== ':@' && key !== '#text');
    if (!name) continue;
    const content = (item[name] as Ordered[]) ?? [];
    const attrs = (item[':@'] as Record<string, string>) ?? {};
    const text = content.map((part) => (typeof part['#text'] === 'string' || typeof part['#text'] === 'number' ? String(part['#text']) : '')).join('').trim();
    nodes.push({ name, attrs, children: toNodes(content), text });
  }
  return nodes;
}

/** Twilio's boolean attributes: "true"/"false", absent means the default. */
export function boolAttr(node: TwimlNode, name: string, fallback: boolean): boolean {
  const value = node.attrs[name];
  return value === undefined ? fallback : value.toLowerCase() === 'true';
}

export function intAttr(node: TwimlNode, name: string, fallback: number): number {
  const value = Number.parseInt(node.attrs[name] ?? '', 10);
  return Number.isFinite(value) ? value : fallback;
}

export function methodAttr(node: TwimlNode, name = 'method'): 'GET' | 'POST' {
  return node.attrs[name]?.toUpperCase() === 'GET' ? 'GET' : 'POST';
}
