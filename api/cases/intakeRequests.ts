// The record of intake requests by Idempotency-Key (model IntakeRequest): who a key belongs to,
// how a request is recognised again, what a retry finds, and how long keys are kept.
import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';
import type { db, PrismaClient } from '../../prisma/client';
import type { Registration } from '../../workflows/petition/types';

/** Keys are remembered this long: a retry after it registers a new case. */
export const INTAKE_KEY_RETENTION_DAYS = 7;

/** Whose keys: keys of different scopes never meet. */
export const intakeScope = {
  user: (userId: string) => `user:${userId}`,
  apiClient: (clientId: string) => `apiClient:${clientId}`,
  /** The citizen web form (anonymous: its keys are long random tokens the page makes). */
  webForm: 'webForm',
  /** Keyed by the draft's id: a draft becomes one case, whoever registers it. */
  smsDraft: 'smsDraft',
  /** Keyed by the CallSid: a call leaves at most one petition. */
  ivrCall: 'ivrCall',
} as const;

/** An earlier case as an answer shows it (and as the record keeps it). */
export interface EarlierCaseView {
  id: string;
  title: string;
  status: string;
  receivedAt: string;
  caseTypeCode?: string;
}

/** What a registration answers besides the number and the password. */
export interface IntakeAnswer {
  duplicateCandidates: (EarlierCaseView & { reason: 'sameCaller' | 'samePlaceAndCategory' })[];
  callerHistory: EarlierCaseView[];
}

export interface StoredIntake {
  scope: string;
  key: string;
  fingerprint: string;
  caseId: string;
  registration: Registration;
  answer: IntakeAnswer;
  startedAt: Date | null;
}

type Db = Pick<PrismaClient, 'intakeRequest'> | Pick<db.Prisma.TransactionClient, 'intakeRequest'>;

/** SHA-256 of the request in a canonical JSON form (keys sorted), so that key order does not matter. */
export function fingerprintOf(request: unknown): string {
  return createHash('sha256').update(stringify(request) ?? 'undefined').digest('hex');
}

export async function findIntake(prisma: Db, scope: string, key: string): Promise<StoredIntake | null> {
  const row = await prisma.intakeRequest.findUnique({ where: { scope_key: { scope, key } } });
  if (!row) return null;
  return { ...row, registration: row.registration as unknown as Registration, answer: row.answer as unknown as IntakeAnswer };
}

/** The case a key registered, if any (the IVR links its call to it). */
export async function caseOfIntake(prisma: Db, scope: string, key: string): Promise<string | null> {
  return (await prisma.intakeRequest.findUnique({ where: { scope_key: { scope, key } }, select: { caseId: true } }))?.caseId ?? null;
}

/** Records the request; false (nothing written) when its key is already taken. */
export async function recordIntake(prisma: Db, intake: Omit<StoredIntake, 'startedAt'>): Promise<boolean> {
  const { count } = await prisma.intakeRequest.createMany({
    data: [{ ...intake, registration: intake.registration as unknown as db.Prisma.InputJsonObject, answer: intake.answer as unknown as db.Prisma.InputJsonObject }],
    skipDuplicates: true,
  });
  return count === 1;
}

export async function markStarted(prisma: Db, intake: Pick<StoredIntake, 'scope' | 'key'>, at: Date): Promise<void> {
  await prisma.intakeRequest.updateMany({ where: { scope: intake.scope, key: intake.key, startedAt: null }, data: { startedAt: at } });
}

/** Forgets keys past the retention; answers how many. */
export async function deleteExpiredIntakes(prisma: Db, now: Date): Promise<number> {
  const { count } = await prisma.intakeRequest.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - INTAKE_KEY_RETENTION_DAYS * 86_400_000) } } });
  return count;
}
