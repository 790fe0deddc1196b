// What Open311 clients send, as zod schemas (exported for the OpenAPI document). The spec's
// "optional" means an empty parameter is the same as an absent one, so empty strings are
// dropped before validation. POST bodies come form-encoded (the spec) or as JSON. Text follows
// the text policy (rules/text.ts): the citizen's words are cleaned; codes and the
// client's own ids are refused when they hold control characters.
import { z } from 'zod';
import { carrierText, exactText, identifier, multiLineText, secretText, singleLineText, webAddress } from '../../rules/text';

const DAY_MS = 86_400_000;
/** The spec's default and largest window of GET /requests, and its most requests per answer. */
export const MAX_WINDOW_DAYS = 90;
export const MAX_REQUESTS = 1000;

const emptyToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);
/** Repeated query parameters (`status=open&status=closed`) read like a comma list. */
const joinRepeated = (value: unknown) => (Array.isArray(value) ? value.join(',') : value);

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());
const commaList = <T extends z.ZodType<string, string>>(item: T, max: number) =>
  z.preprocess(
    (value) => emptyToUndefined(joinRepeated(value)),
    carrierText()
      .transform((text) => text.split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''))
      .pipe(z.array(item).max(max, `at most ${max} values`))
      .optional(),
  );
const w3cDateTimeParam = z.preprocess(emptyToUndefined, z.iso.datetime({ offset: true, message: 'a w3c datetime with a time zone, e.g. 2026-01-01T00:00:00+08:00' }).optional());

const jurisdictionId = optional(identifier(200));

export const jurisdictionQuery = z.object({ jurisdiction_id: jurisdictionId });

/** The format of an answer, named by the URL's extension (compared in lower case). */
export const formatParams = z.object({ format: z.enum(['json', 'xml'], { message: 'unsupported format: use .json or .xml' }) });
/** A resource named `<id>.<format>` in the URL's last segment. */
export const fileParams = z.object({ file: identifier(200).regex(/^[^/]+\.(json|xml)$/i, 'name the format: end the URL with .json or .xml') });

export const serviceRequestsQuery = z.object({
  jurisdiction_id: jurisdictionId,
  /** Overrides every other filter. */
  service_request_id: commaList(identifier(20).regex(/^\d{8,20}$/, 'a service_request_id is a case number (digits)'), MAX_REQUESTS),
  service_code: commaList(identifier(100), 200),
  start_date: w3cDateTimeParam,
  end_date: w3cDateTimeParam,
  status: commaList(z.enum(['open', 'closed'], { message: 'open or closed' }), 2),
});
export type ServiceRequestsQuery = z.output<typeof serviceRequestsQuery>;

const coordinate = (min: number, max: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number({ message: `a number between ${min} and ${max}` }).min(min, `a number between ${min} and ${max}`).max(max, `a number between ${min} and ${max}`).optional());

/** attribute[confidential]=true: the citizen asks that their identity be kept from the units (实名保密). */
export const CONFIDENTIAL_ATTRIBUTE = 'confidential';

export const serviceRequestBody = z
  .object({
    api_key: optional(secretText(200)),
    jurisdiction_id: jurisdictionId,
    service_code: z.preprocess(emptyToUndefined, identifier(100, { error: 'required' })),
    lat: coordinate(-90, 90),
    long: coordinate(-180, 180),
    address_string: optional(singleLineText(500)),
    /** The client's own ids are kept exactly as given. */
    address_id: optional(exactText(100)),
    email: z.preprocess(emptyToUndefined, z.email('an email address').max(254).optional()),
    device_id: optional(exactText(200)),
    account_id: optional(exactText(200)),
    first_name: optional(singleLineText(25)),
    last_name: optional(singleLineText(25)),
    phone: z.preprocess(
      (value) => (typeof value === 'string' ? emptyToUndefined(value.replace(/[\s().-]/g, '')) : emptyToUndefined(value)),
      identifier(21).regex(/^\+?\d{5,20}$/, 'a phone number (digits, optionally with a leading +)').optional(),
    ),
    description: optional(multiLineText(4000)),
    media_url: optional(webAddress(2000)),
    /**
     * attribute[code]=value, or attribute[code][]=value for several values (kept in jsonb). One
     * attribute is the hotline's own extension: attribute[confidential]=true asks for 实名保密.
     */
    attribute: z.record(singleLineText(100), z.union([multiLineText(1000), z.array(multiLineText(1000)).max(50)])).optional(),
  })
  .superRefine((body, ctx) => {
    const confidential = body.attribute?.[CONFIDENTIAL_ATTRIBUTE];
    if (confidential !== undefined && confidential !== 'true' && confidential !== 'false') {
      ctx.addIssue({ code: 'custom', path: ['attribute', CONFIDENTIAL_ATTRIBUTE], message: 'true or false (实名保密: keep the citizen’s identity from the units)' });
    }
    if ((body.lat === undefined) !== (body.long === undefined)) {
      ctx.addIssue({ code: 'custom', path: [body.lat === undefined ? 'lat' : 'long'], message: 'lat and long are sent together' });
    } else if (body.lat === undefined && !body.address_string && !body.address_id) {
      ctx.addIssue({ code: 'custom', path: ['lat'], message: 'a location is required: lat and long, address_string or address_id' });
    }
  });
export type ServiceRequestBody = z.output<typeof serviceRequestBody>;

/**
 * The requested_datetime range of GET /requests: the given dates, at most 90 days apart; a
 * missing end is 90 days after the start, a missing start 90 days before the end, and with
 * neither it is the 90 days up to now.
 */
export function requestWindow(query: { start_date?: string; end_date?: string }, now: Date): { from: Date; to: Date } | { problem: string } {
  const span = MAX_WINDOW_DAYS * DAY_MS;
  const start = query.start_date ? new Date(query.start_date) : null;
  const end = query.end_date ? new Date(query.end_date) : null;
  if (start && end) {
    if (start > end) return { problem: 'start_date is after end_date' };
    if (end.getTime() - start.getTime() > span) return { problem: `start_date and end_date may not span more than ${MAX_WINDOW_DAYS} days` };
    return { from: start, to: end };
  }
  if (start) return { from: start, to: new Date(start.getTime() + span) };
  if (end) return { from: new Date(end.getTime() - span), to: end };
  return { from: new Date(now.getTime() - span), to: now };
}
