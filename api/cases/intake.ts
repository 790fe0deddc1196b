// Registering a case, whichever door it comes through (operator intake, the citizen web form,
// Open311): check the references, issue the number and query password, look for duplicates
// and the caller's history, then start the case's workflow (which sends the receipt SMS).
import { hash } from '@node-rs/argon2';
import { Client } from '@temporalio/client';
import type { AppDeps } from '../app';
import { FINISHED_STATUSES, type Actor, type CaseStatus } from '../../workflows/rules/lifecycle/types';
import { sealSecret } from '../../lib/citizenAccess/sealedSecrets';
import type { Registration } from '../../workflows/petition/types';
import { HttpError } from '../http/errors';
import { phoneForms } from '../../telephony/phoneNumbers';
import { issueCaseNumber, newQueryPassword } from './caseNumbers';
import type { RegistrationBody } from './registration';

export type IntakeDeps = Pick<AppDeps, 'prisma' | 'temporal' | 'namespace' | 'taskQueue' | 'log' | 'now' | 'publicLinkSecret'>;

export interface EarlierCase {
  id: string;
  title: string;
  status: string;
  receivedAt: Date;
  caseTypeCode?: string;
}

export interface RegisteredCase {
  caseId: string;
  /** Shown to the citizen once (receipt); only its hash is kept. */
  queryPassword: string;
  duplicateCandidates: (EarlierCase & { reason: 'sameCaller' | 'samePlaceAndCategory' })[];
  callerHistory: EarlierCase[];
}

export function caseIntake(deps: IntakeDeps) {
  const client = new Client({ connection: deps.temporal, namespace: deps.namespace });

  return async function registerCase(body: RegistrationBody, registeredBy: Actor): Promise<RegisteredCase> {
    const [caseType, category] = await Promise.all([
      deps.prisma.caseType.findFirst({ where: { code: body.caseTypeCode, active: true } }),
      body.categoryId ? deps.prisma.category.findFirst({ where: { id: body.categoryId, active: true } }) : null,
    ]);
    const fields: Record<string, string> = {};
    if (!caseType) fields.caseTypeCode = 'no such case type';
    if (body.categoryId && !category) fields.categoryId = 'no such category';
    if (Object.keys(fields).length > 0) throw new HttpError(400, 'invalid_request', 'the request has invalid fields', fields);

    const receivedAt = body.receivedAt ? new Date(body.receivedAt) : (deps.now?.() ?? new Date());
    const caseId = await issueCaseNumber(deps.prisma, receivedAt);
    const queryPassword = newQueryPassword();
    const { receivedAt: _received, ...rest } = body;
    const registration: Registration = {
      ...rest,
      caseId,
      receivedAt: receivedAt.toISOString(),
      registeredBy,
      queryPasswordHash: await hash(queryPassword),
      // For the receipt SMS only; sealed, so that the workflow history never holds it in clear.
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
      ...callerHistory.filter((c) => c.receivedAt >= since && open(c)).map((c) => ({ ...c, reason: 'sameCaller' as const })),
      ...samePlace.filter(open).map((c) => ({ ...c, reason: 'samePlaceAndCategory' as const })),
    ];
    await client.workflow.start('petitionWorkflow', { args: [{ registration }], taskQueue: deps.taskQueue, workflowId: caseId });
    deps.log.info({ caseId, channel: body.channel, actorId: registeredBy.id }, 'case registered');
    return { caseId, queryPassword, duplicateCandidates, callerHistory };
  };
}
