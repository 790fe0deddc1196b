// The citizen's web petition (网上诉求): a narrow form registered through the same intake as
// every other door, answering with the case number and the query password only (duplicates
// and caller history are staff data). The workflow sends the receipt SMS; the form's caps
// (formCaps.ts) keep one sender from texting many numbers and one form from becoming two cases.
import { isIP } from 'node:net';
import { Router, type RequestHandler } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { z } from 'zod';
import { exactText, identifier, requiredLine, requiredText, responseText, singleLineText } from '../../rules/text';
import type { AppDeps } from '../deps';
import { intakeStatus, type IntakeDoorDeps } from '../cases/intake';
import { intakeScope } from '../cases/intakeRequests';
import { idempotencyKeyOf } from '../http/idempotencyKey';
import type { RegistrationBody } from '../cases/registration';
import { HttpError } from '../http/errors';
import { WEB_FORM_CITIZEN } from './citizenActors';
import { deleteExpiredWebFormSubmissions, DuplicatePetition, readPublicFormLimits, webFormCaps } from './formCaps';

/** The sender as the caps count it: an IPv6 client by its /56, as the rate limits do (one household rotates within it). */
function clientAddressKey(ip: string): string {
  return isIP(ip) === 6 ? ipKeyGenerator(ip) : ip;
}

/** Old web-form submissions are swept at most this often (per process). */
const SWEEP_EVERY_MS = 3_600_000;

/** The case types a citizen picks from (意见 stays with the operators, as 建议 covers it). */
export const CITIZEN_CASE_TYPES = ['consultation', 'complaint', 'report', 'help', 'suggestion'] as const;

/** A mainland mobile number (11 digits from 13x to 19x), with or without +86, spaces or dashes; stored as +86…. */
export const chineseMobile = exactText(40)
  .transform((value) => value.replace(/[\s-]/g, ''))
  .pipe(identifier(20).regex(/^(?:\+?86)?1[3-9]\d{9}$/, 'a mainland China mobile number: 11 digits starting with 1'))
  .transform((digits) => `+86${digits.slice(-11)}`);

export const publicPetitionBody = z
  .strictObject({
    type: z.enum(CITIZEN_CASE_TYPES),
    categoryId: identifier(100).optional(),
    title: requiredLine(100),
    content: requiredText(5000),
    name: singleLineText(50).optional(),
    phone: chineseMobile,
    address: singleLineText(200).optional(),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    /** The citizen ticked “the result may be published, without my personal data”; unticked: no. */
    publishConsent: z.boolean().optional(),
    /** 实名保密: the citizen asks that their identity be withheld from the units; unticked: no (a 举报 is confidential anyway). */
    confidential: z.boolean().optional(),
    /** Honeypot: hidden from people, filled in by form-filling bots. */
    website: singleLineText(500).optional(),
  })
  .refine((body) => (body.latitude === undefined) === (body.longitude === undefined), { message: 'give both latitude and longitude, or neither', path: ['longitude'] });

export type PublicPetitionBody = z.output<typeof publicPetitionBody>;

export const publicPetitionResponse = z.object({ caseId: responseText(), queryPassword: responseText() });

/** Intake's field names, as the form calls them. */
const FORM_FIELD: Record<string, string> = { caseTypeCode: 'type', categoryId: 'categoryId' };

function withFormFieldNames(error: unknown): unknown {
  if (!(error instanceof HttpError) || !error.fields) return error;
  const fields = Object.fromEntries(Object.entries(error.fields).map(([field, message]) => [FORM_FIELD[field] ?? field, message]));
  return new HttpError(error.status, error.code, error.message, fields);
}

function toRegistration(body: PublicPetitionBody): RegistrationBody {
  return {
    channel: 'web',
    caseTypeCode: body.type,
    categoryId: body.categoryId ?? null,
    urgency: 'normal',
    title: body.title,
    content: body.content,
    citizenName: body.name || null,
    citizenPhone: body.phone,
    address: body.address || null,
    latitude: body.latitude ?? null,
    longitude: body.longitude ?? null,
    publishConsent: body.publishConsent === true,
    confidential: body.confidential === true,
    complainedUnitId: null,
  };
}

export function petitionFormRoutes(
  deps: Pick<AppDeps, 'prisma' | 'log' | 'publicLinkSecret' | 'publicFormLimits' | 'rateLimitScope'> & IntakeDoorDeps,
  limits: { submissions: RequestHandler; lookups: RequestHandler },
): Router {
  const router = Router();
  let lastSweep = 0;

  router.post('/cases', limits.submissions, async (req, res) => {
    const body = publicPetitionBody.parse(req.body);
    if (body.website) {
      deps.log.info('public petition refused: honeypot filled');
      throw new HttpError(400, 'invalid_request', 'the request was refused');
    }
    // The page sends one key per filled-in form, so that a resubmission after a lost answer gets the same case.
    const key = idempotencyKeyOf(req);
    const formLimits = await readPublicFormLimits(deps.prisma, deps.publicFormLimits);
    if (Date.now() - lastSweep > SWEEP_EVERY_MS) {
      lastSweep = Date.now();
      deleteExpiredWebFormSubmissions(deps.prisma, formLimits).catch((error: unknown) => deps.log.warn({ err: error }, 'old web-form submissions not deleted'));
    }
    const caps = webFormCaps(deps, formLimits, { key, address: clientAddressKey(req.ip ?? req.socket.remoteAddress ?? 'unknown'), phone: body.phone, form: { type: body.type, title: body.title, content: body.content } });
    let outcome;
    try {
      outcome = await deps.intake.register({ registration: toRegistration(body), registeredBy: WEB_FORM_CITIZEN, scope: intakeScope.webForm, key, guard: caps.guard, recorded: caps.recorded });
    } catch (error) {
      if (error instanceof DuplicatePetition) {
        deps.log.info({ caseId: error.caseId }, 'web petition refused: the same form was registered already');
        // The number only: the query password went to the phone by SMS, and this sender may not be its owner.
        res.status(409).set('Cache-Control', 'no-store').json({ error: { code: 'duplicate_petition', message: `this petition was already registered as case ${error.caseId}; its query password was sent to the phone by SMS`, caseId: error.caseId } });
        return;
      }
      throw withFormFieldNames(error);
    }
    res.status(intakeStatus(outcome)).set('Cache-Control', 'no-store').json({ caseId: outcome.registered.caseId, queryPassword: outcome.registered.queryPassword });
  });

  /** What the form offers: the citizen case types and the top-level categories, in Chinese. */
  router.get('/form-options', limits.lookups, async (_req, res) => {
    const [caseTypes, categories] = await Promise.all([
      deps.prisma.caseType.findMany({ where: { code: { in: [...CITIZEN_CASE_TYPES] }, active: true }, orderBy: { sortOrder: 'asc' }, select: { code: true, name: true } }),
      deps.prisma.category.findMany({ where: { parentId: null, active: true }, orderBy: { sortOrder: 'asc' }, select: { id: true, name: true } }),
    ]);
    res.set('Cache-Control', 'public, max-age=300').json({ caseTypes, categories });
  });

  return router;
}
