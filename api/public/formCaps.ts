// The web form's guards against SMS bombing and duplicate cases. The form has no SMS
// verification code (a code would itself be an SMS to any number typed in), so every case it
// registers texts a receipt to the phone given; what stops one sender from texting many people,
// or one person many times, are caps counted in PostgreSQL (shared by every API process):
// - phonesPerAddressPerDay: distinct phone numbers one address may file for in 24 hours;
// - receiptsPerPhonePerDay: web cases (so receipts) one phone may get in 24 hours;
// - duplicateWindowMinutes: the same form again (same phone, case type, title and content) within
//   it answers 409 with the earlier case's number, instead of a second case and a second SMS
//   (0 turns this off). A resubmission under the same Idempotency-Key is answered as the first.
// Tuned by the rule setting publicForm.limits. The checks run in the intake's transaction under
// advisory locks on the address and the phone, so that concurrent posts cannot both slip under a
// cap, and the submission is recorded (as keyed digests, no number or address in clear) in the
// same transaction as its case number.
import { createHmac } from 'node:crypto';
import type { db, PrismaClient } from '../../prisma/client';
import { HttpError } from '../http/errors';
import { readRuleSetting } from '../../lib/ruleSettings';
import type { RuleSettingValue } from '../../rules/settings';
import { intakeScope } from '../cases/intakeRequests';

export type PublicFormLimits = RuleSettingValue<'publicForm.limits'>;

const DAY_MS = 86_400_000;

/** The caps in force: the rule setting (the seeded default when missing or unreadable), then the app's overrides. */
export async function readPublicFormLimits(prisma: Pick<PrismaClient, 'ruleSetting'>, overrides: Partial<PublicFormLimits> = {}): Promise<PublicFormLimits> {
  return { ...(await readRuleSetting(prisma, 'publicForm.limits')), ...overrides };
}

/** The same form again within the window: the earlier case's number. */
export class DuplicatePetition extends Error {
  constructor(readonly caseId: string) {
    super(`the same petition was registered as case ${caseId}`);
  }
}

export interface WebFormSender {
  /** The request's Idempotency-Key, if any: a concurrent retry under it is answered as the first, not capped. */
  key: string | null;
  /** req.ip (the client as TRUST_PROXY reports it). */
  address: string;
  /** E.164 (+86…). */
  phone: string;
  form: { type: string; title: string; content: string };
}

export interface WebFormCapDeps {
  publicLinkSecret: string;
  rateLimitScope?: string;
}

type Tx = db.Prisma.TransactionClient;

export function webFormCaps(deps: WebFormCapDeps, limits: PublicFormLimits, sender: WebFormSender) {
  const scope = deps.rateLimitScope ?? '';
  const digest = (kind: string, value: string) => createHmac('sha256', deps.publicLinkSecret).update(`${kind}\u0000${value}`).digest('hex').slice(0, 40);
  const addressDigest = digest('address', sender.address);
  const phoneDigest = digest('phone', sender.phone);
  const normalized = (text: string) => text.replace(/\s+/g, ' ').trim();
  const formDigest = digest('form', JSON.stringify([sender.phone, sender.form.type, normalized(sender.form.title), normalized(sender.form.content)]));

  return {
    /** In the intake's transaction, before a number is issued: 409 (DuplicatePetition) or 429 when a cap is reached. */
    async guard(tx: Tx): Promise<void> {
      // Address first, then phone, in every transaction: no two can wait on each other.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`webForm:address:${scope}:${addressDigest}`}, 0))`;
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`webForm:phone:${scope}:${phoneDigest}`}, 0))`;
      // A concurrent retry under the same key, recorded while this one waited: the intake answers it as the first.
      if (sender.key && (await tx.intakeRequest.findUnique({ where: { scope_key: { scope: intakeScope.webForm, key: sender.key } }, select: { caseId: true } }))) return;
      const now = Date.now();
      if (limits.duplicateWindowMinutes > 0) {
        const earlier = await tx.webFormSubmission.findFirst({
          where: { scope, phoneDigest, formDigest, createdAt: { gt: new Date(now - limits.duplicateWindowMinutes * 60_000) } },
          orderBy: { createdAt: 'desc' },
          select: { caseId: true },
        });
        if (earlier) throw new DuplicatePetition(earlier.caseId);
      }
      const since = new Date(now - DAY_MS);
      const receipts = await tx.webFormSubmission.count({ where: { scope, phoneDigest, createdAt: { gt: since } } });
      if (receipts >= limits.receiptsPerPhonePerDay) {
        throw new HttpError(429, 'too_many_requests', 'this phone number has been sent enough receipts today: try again tomorrow or call 12345', { phone: `at most ${limits.receiptsPerPhonePerDay} web petitions a day for one phone number` }, { 'Retry-After': '3600' });
      }
      const otherPhones = await tx.webFormSubmission.findMany({
        where: { scope, addressDigest, createdAt: { gt: since }, phoneDigest: { not: phoneDigest } },
        distinct: ['phoneDigest'],
        select: { phoneDigest: true },
        take: limits.phonesPerAddressPerDay,
      });
      if (otherPhones.length >= limits.phonesPerAddressPerDay) {
        throw new HttpError(429, 'too_many_requests', 'too many different phone numbers from this address today: try again tomorrow or call 12345', { phone: `at most ${limits.phonesPerAddressPerDay} phone numbers a day from one address` }, { 'Retry-After': '3600' });
      }
    },
    /** In the same transaction, once the case's number is issued: the submission counted. */
    async recorded(tx: Tx, caseId: string): Promise<void> {
      await tx.webFormSubmission.create({ data: { scope, addressDigest, phoneDigest, formDigest, caseId } });
    },
  };
}

/** Forgets submissions older than any window can look back (24 h, or the duplicate window); answers how many. */
export async function deleteExpiredWebFormSubmissions(prisma: Pick<PrismaClient, 'webFormSubmission'>, limits: PublicFormLimits, now = new Date()): Promise<number> {
  const keepMs = Math.max(DAY_MS, limits.duplicateWindowMinutes * 60_000);
  const { count } = await prisma.webFormSubmission.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - keepMs) } } });
  return count;
}
