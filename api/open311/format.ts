// Open311 answers in the format named by the resource's extension (/services.xml,
// /requests/123.json). The JSON is the spec's "Spark convention" mapping of the XML: a list
// in JSON is, in XML, an element holding one child element per item (<services><service>…).
import type { Response } from 'express';
import { XMLBuilder } from 'fast-xml-parser';

export type Format = 'json' | 'xml';

/** The element name of one item of each list the spec defines. */
const ITEM_ELEMENT: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

/** "requests.json" → { name: "requests", format: "json" }; null without a known extension. */
export function splitFormat(file: string): { name: string; format: Format } | null {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return null;
  const extension = file.slice(dot + 1).toLowerCase();
  if (extension !== 'json' && extension !== 'xml') return null;
  return { name: file.slice(0, dot), format: extension };
}

/** The format a URL path asks for; XML (the spec's required format) when it names none. */
export function formatOfPath(urlPath: string): Format {
  return splitFormat(urlPath.split('/').at(-1) ?? '')?.format ?? 'xml';
}

// Characters XML 1.0 cannot carry at all (citizens' text may hold them); JSON keeps them.
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function toXmlTree(value: unknown, key: string): unknown {
  if (Array.isArray(value)) {
    const item = ITEM_ELEMENT[key];
    if (!item) throw new Error(`no XML element is defined for the items of ${key}`);
    return value.length === 0 ? '' : { [item]: value.map((entry) => toXmlTree(entry, item)) };
  }
  if (typeof value === 'string') return value.replace(NOT_IN_XML, '');
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, entry]) => [name, toXmlTree(entry, name)]));
  }
  return value;
}

const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: false });

/** `<?xml …?>` then `<root>` holding `body` (null fields become empty elements, as in the spec's examples). */
export function toXml(root: string, body: unknown): string {
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' }, [root]: toXmlTree(body, root) });
}

/** Sends one Open311 document: `body` as JSON, or as XML under the element `root`. */
export function sendDocument(res: Response, format: Format, status: number, root: string, body: unknown): void {
  res.status(status);
  if (format === 'json') res.json(body);
  else res.type('text/xml; charset=utf-8').send(toXml(root, body));
}
