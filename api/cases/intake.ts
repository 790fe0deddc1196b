// Registering a case, whichever door it comes through (operator intake, the citizen web form,
// Open311, SMS drafts, the IVR): check the references, issue the number and query password,
// look for duplicates and the caller's history, record the request under its Idempotency-Key,
// start the case's workflow (which sends the receipt SMS), and wait until the case is listed.
//
// What a door may promise (docs/intake.md):
// - 201 (visible): the case's row is readable, `GET /api/cases` lists it.
// - 202 (accepted): registered and its workflow running, but the row was not written within
//   the bound (or the API is stopping); it appears by itself. A retry with the same key answers
//   201 once it is listed.
// - 503: the workflow could not be started; no case exists. A retry with the same key registers
//   it (with the number already reserved for it).
// - 422: the key was used for another request.
// A retry with the same key, at any point, gets the first answer and never a second case: the
// request is recorded before the workflow starts, and the workflow id is the case number.
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import { temporalClient } from '../temporalClient';
import type { AppDeps } from '../deps';
import { FINISHED_STATUSES, type Actor, type CaseStatus } from '../../rules/lifecycle/types';
import { hashQueryPassword } from '../../lib/citizenAccess/queryPasswords';
import { sealSecret, unsealSecret } from '../../lib/citizenAccess/sealedSecrets';
import type { db } from '../../prisma/client';
import type { Registration } from '../../workflows/petition/types';
import { HttpError } from '../http/errors';
import { phoneForms } from '../../lib/phoneNumbers';
import { issueCaseNumber, newQueryPassword } from './caseNumbers';
import { CaseRowWatch } from './caseRowWatch';
import { deleteExpiredIntakes, findIntake, fingerprintOf, markStarted, recordIntake, type EarlierCaseView, type IntakeAnswer, type StoredIntake } from './intakeRequests';
import type { RegistrationBody } from './registration';

export type IntakeDeps = Pick<AppDeps, 'prisma' | 'temporal' | 'namespace' | 'dataConverter' | 'taskQueue' | 'log' | 'now' | 'publicLinkSecret' | 'databaseUrl' | 'intakeVisibleWithinMs' | 'metrics'>;

/** How long intake waits for the case's row before answering 202 instead of 201. */
export const DEFAULT_VISIBLE_WITHIN_MS = 10_000;
/** How long starting the workflow may take before intake answers 503 (Temporal unreachable). */
const START_WITHIN_MS = 5_000;
/** Expired keys are swept at most this often, by the intake that comes first after it. */
const SWEEP_EVERY_MS = 3_600_000;

export interface EarlierCase {
  id: string;
  title: string;
  status: string;
  receivedAt: Date;
  caseTypeCode?: string;
}

export interface RegisteredCase extends IntakeAnswer {
  caseId: string;
  /** Shown to the citizen (receipt); kept only hashed, and sealed for the receipt SMS and retries. */
  queryPassword: string;
}

export interface IntakeSubmission {
  registration: RegistrationBody;
  registeredBy: Actor;
  /** Whose keys (intakeScope in intakeRequests.ts). */
  scope: string;
  /** The client's Idempotency-Key; null when it sent none (its retry would then be a new case). */
  key: string | null;
  /** What a retry must repeat to get the first answer (default: the registration). */
  request?: unknown;
  /** Runs in the transaction that records a new key, before a number is issued; throws to refuse. */
  guard?: (tx: db.Prisma.TransactionClient) => Promise<void>;
  /** Runs in the same transaction once the key is recorded with its case number (e.g. to count the submission). */
  recorded?: (tx: db.Prisma.TransactionClient, caseId: string) => Promise<void>;
}

export interface IntakeOutcome {
  registered: RegisteredCase;
  /** The case's row is readable (answer 201); false: registered, not listed yet (answer 202). */
  visible: boolean;
  /** This answer repeats the one given to an earlier request with the same key. */
  replayed: boolean;
}

export interface CaseIntake {
  register(submission: IntakeSubmission): Promise<IntakeOutcome>;
  /** Ends waits for rows at once (their intakes answer 202) and closes the LISTEN connection. */
  close(): Promise<void>;
}

/** What the doors that register need from the app. */
export interface IntakeDoorDeps {
  intake: CaseIntake;
}

export class IntakeKeyReused extends HttpError {
  constructor(readonly caseId: string) {
    super(422, 'idempotency_key_reused', 'this Idempotency-Key was used for a different request: send a new key with a new request');
  }
}

/** The status a door answers an outcome with. */
export const intakeStatus = (outcome: IntakeOutcome): 201 | 202 => (outcome.visible ? 201 : 202);

class KeyTaken extends Error {}

interface Prepared {
  registration: Omit<Registration, 'caseId'>;
  /** Hashed once the case has its number (the hash is bound to it). */
  queryPassword: string;
  receivedAt: Date;
  answer: IntakeAnswer;
}

const view = (c: EarlierCase): EarlierCaseView => ({ ...c, receivedAt: c.receivedAt.toISOString() });

export function caseIntake(deps: IntakeDeps): CaseIntake {
  const client = temporalClient(deps);
  const rows = new CaseRowWatch(deps.prisma, deps.databaseUrl, deps.log);
  const visibleWithinMs = deps.intakeVisibleWithinMs ?? DEFAULT_VISIBLE_WITHIN_MS;
  let lastSweep = 0;

  /** The references checked (400 otherwise), the password made, duplicates and history looked up. */
  async function prepare(body: RegistrationBody, registeredBy: Actor): Promise<Prepared> {
    const [caseType, category, complainedUnit] = await Promise.all([
      deps.prisma.caseType.findFirst({ where: { code: body.caseTypeCode, active: true } }),
      body.categoryId ? deps.prisma.category.findFirst({ where: { id: body.categoryId, active: true } }) : null,
      body.complainedUnitId ? deps.prisma.unit.findUnique({ where: { id: body.complainedUnitId }, select: { id: true } }) : null,
    ]);
    const fields: Record<string, string> = {};
    if (!caseType) fields.caseTypeCode = 'no such case type';
    if (body.categoryId && !category) fields.categoryId = 'no such category';
    if (body.complainedUnitId && !complainedUnit) fields.complainedUnitId = 'no such unit';
    if (Object.keys(fields).length > 0) throw new HttpError(400, 'invalid_request', 'the request has invalid fields', fields);

    const receivedAt = body.receivedAt ? new Date(body.receivedAt) : (deps.now?.() ?? new Date());
    const queryPassword = newQueryPassword();
    const { receivedAt: _received, ...rest } = body;
    const registration: Omit<Registration, 'caseId'> = {
      ...rest,
      // The citizen's request (实名保密), or the type's default (举报): confidential from the start.
      confidential: body.confidential || caseType!.confidentialByDefault,
      receivedAt: receivedAt.toISOString(),
      registeredBy,
      // For the receipt SMS and for retries' answers; sealed, so that neither the workflow
      // history nor the intake record holds it in clear.
      sealedQueryPassword: sealSecret(queryPassword, deps.publicLinkSecret),
    };

    const windowDays = Number((await deps.prisma.ruleSetting.findUnique({ where: { key: 'duplicate.windowDays' } }))?.value ?? 30);
    const since = new Date(receivedAt.getTime() - windowDays * 86_400_000);
    // Looked up before the new case exists, so it is not its own duplicate. The caller is the
    // same whichever form the number was kept in (SMS and IVR keep +86…, operators type 139…).
    const [callerHistory, samePlace] = await Promise.all([
      body.citizenPhone
        ? deps.prisma.case.findMany({ where: { citizenPhone: { in: phoneForms(body.citizenPhone) } }, orderBy: { receivedAt: 'desc' }, take: 10, select: { id: true, title: true, status: true, receivedAt: true, caseTypeCode: true } })
        : [],
      body.address && body.categoryId
        ? deps.prisma.case.findMany({ where: { address: body.address, categoryId: body.categoryId, receivedAt: { gte: since } }, take: 10, select: { id: true, title: true, status: true, receivedAt: true } })
        : [],
    ]);
    const open = (c: EarlierCase) => !FINISHED_STATUSES.includes(c.status as CaseStatus);
    const duplicateCandidates = [
      ...callerHistory.filter((c) => c.receivedAt >= since && open(c)).map((c) => ({ ...view(c), reason: 'sameCaller' as const })),
      ...samePlace.filter(open).map((c) => ({ ...view(c), reason: 'samePlaceAndCategory' as const })),
    ];
    return { registration, queryPassword, receivedAt, answer: { duplicateCandidates, callerHistory: callerHistory.map(view) } };
  }

  /**
   * Records the request under its key with a new case number, in one transaction: when the key
   * is taken meanwhile (a concurrent retry), the number is rolled back with it and null answered.
   */
  async function record(submission: IntakeSubmission, key: string, fingerprint: string, prepared: Prepared): Promise<StoredIntake | null> {
    try {
      return await deps.prisma.$transaction(
        async (tx) => {
          await submission.guard?.(tx);
          const caseId = await issueCaseNumber(tx, prepared.receivedAt);
          const queryPasswordHash = hashQueryPassword(prepared.queryPassword, caseId, deps.publicLinkSecret);
          const intake = { scope: submission.scope, key, fingerprint, caseId, registration: { ...prepared.registration, caseId, queryPasswordHash }, answer: prepared.answer };
          if (!(await recordIntake(tx, intake))) throw new KeyTaken();
          await submission.recorded?.(tx, caseId);
          return { ...intake, startedAt: null };
        },
        { maxWait: 10_000, timeout: 10_000 },
      );
    } catch (error) {
      if (error instanceof KeyTaken) return null;
      throw error;
    }
  }

  /**
   * Starts the case's workflow; already started (by the first attempt) is as good. True when this
   * call started it: exactly one call does per case (the workflow id is the case number), which
   * is when the case counts as taken in.
   */
  async function start(intake: StoredIntake): Promise<boolean> {
    let startedHere = true;
    try {
      await client.withDeadline(Date.now() + START_WITHIN_MS, () =>
        client.workflow.start('petitionWorkflow', {
          args: [{ registration: intake.registration }],
          taskQueue: deps.taskQueue,
          workflowId: intake.caseId,
          // Never a second run of a case, even after its first run ended.
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        }),
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
        deps.log.warn({ err: error, caseId: intake.caseId }, 'case workflow not started: intake answers 503');
        throw new HttpError(503, 'intake_unavailable', 'the case could not be registered now (its workflow could not be started): send the same request again, with the same Idempotency-Key', undefined, { 'Retry-After': '5' });
      }
      startedHere = false;
    }
    await markStarted(deps.prisma, intake, new Date());
    return startedHere;
  }

  function sweepExpiredKeysNowAndThen(): void {
    if (Date.now() - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = Date.now();
    deleteExpiredIntakes(deps.prisma, new Date()).then(
      (count) => count > 0 && deps.log.info({ count }, 'expired intake keys deleted'),
      (error: unknown) => deps.log.warn({ err: error }, 'expired intake keys not deleted'),
    );
  }

  return {
    async register(submission) {
      sweepExpiredKeysNowAndThen();
      const key = submission.key ?? `unkeyed:${randomUUID()}`;
      const fingerprint = fingerprintOf(submission.request ?? submission.registration);
      let intake = await findIntake(deps.prisma, submission.scope, key);
      let replayed = intake !== null;
      if (!intake) {
        const prepared = await prepare(submission.registration, submission.registeredBy);
        intake = await record(submission, key, fingerprint, prepared);
        replayed = intake === null;
        intake ??= await findIntake(deps.prisma, submission.scope, key);
        if (!intake) throw new Error(`intake key ${submission.scope}/${key} was taken but cannot be read`);
      }
      if (intake.fingerprint !== fingerprint) throw new IntakeKeyReused(intake.caseId);
      if (!intake.startedAt && (await start(intake))) deps.metrics?.countIntake(intake.registration.channel);
      if (!replayed) deps.log.info({ caseId: intake.caseId, channel: intake.registration.channel, actorId: submission.registeredBy.id }, 'case registered');
      const visible = await rows.visibleWithin(intake.caseId, visibleWithinMs);
      if (!visible) deps.log.warn({ caseId: intake.caseId, withinMs: visibleWithinMs }, 'case registered but not listed yet: intake answers 202');
      const queryPassword = unsealSecret(intake.registration.sealedQueryPassword ?? '', deps.publicLinkSecret);
      if (queryPassword === null) throw new Error(`the query password of case ${intake.caseId} cannot be unsealed (PUBLIC_LINK_SECRET changed?)`);
      return { registered: { caseId: intake.caseId, queryPassword, ...intake.answer }, visible, replayed };
    },
    close: () => rows.close(),
  };
}
