// A petition left by voice (IVR option 2): the caller's answers, kept on the Call row as they
// come, then registered through the shared intake exactly once per call (keyed by the CallSid),
// and the call (with its recordings) linked to the new case.
import { z } from 'zod';
import { singleLineText } from '../../../rules/text';
import { caseOfIntake, intakeScope } from '../../cases/intakeRequests';
import { registrationBody, type RegistrationBody } from '../../cases/registration';
import type { PrismaClient } from '../../../prisma/client';
import { SYSTEM_ACTOR, type Actor } from '../../../rules/lifecycle/types';

/** Who registers petitions left at the IVR (no person did: the audit trail says the IVR). */
export const IVR_ACTOR: Actor = { ...SYSTEM_ACTOR, id: 'system:ivr' };

export const PETITION_STEPS = ['what', 'where', 'contact'] as const;
export type PetitionStep = (typeof PETITION_STEPS)[number];
export type PetitionAnswers = Record<PetitionStep, string>;
/** The answers so far, and whether the caller asked for 实名保密 (1 at the keypad question). */
export type StoredPetition = Partial<PetitionAnswers> & { confidential?: boolean };

/** Call.speechResult holds the answers as JSON, in the order they were asked. */
const storedAnswer = singleLineText(5000);
const storedAnswers = z.object({ what: storedAnswer, where: storedAnswer, contact: storedAnswer, confidential: z.boolean() }).partial();

export function answersOf(call: { speechResult: string | null }): StoredPetition {
  if (!call.speechResult) return {};
  try {
    const parsed = storedAnswers.safeParse(JSON.parse(call.speechResult));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function completeAnswers(answers: StoredPetition): PetitionAnswers | null {
  return answers.what && answers.where && answers.contact ? { what: answers.what, where: answers.where, contact: answers.contact } : null;
}

export async function saveAnswer(prisma: Pick<PrismaClient, 'call'>, callSid: string, step: PetitionStep, value: string): Promise<StoredPetition> {
  const call = await prisma.call.findUniqueOrThrow({ where: { id: callSid }, select: { speechResult: true } });
  const answers = { ...answersOf(call), [step]: value };
  await prisma.call.update({ where: { id: callSid }, data: { speechResult: JSON.stringify(answers) } });
  return answers;
}

/** The caller's answer to the 实名保密 question, kept with the answers until they confirm. */
export async function saveConfidential(prisma: Pick<PrismaClient, 'call'>, callSid: string, confidential: boolean): Promise<void> {
  const call = await prisma.call.findUniqueOrThrow({ where: { id: callSid }, select: { speechResult: true } });
  await prisma.call.update({ where: { id: callSid }, data: { speechResult: JSON.stringify({ ...answersOf(call), confidential }) } });
}

/** Re-record: the caller starts over. */
export async function clearAnswers(prisma: Pick<PrismaClient, 'call'>, callSid: string): Promise<void> {
  await prisma.call.update({ where: { id: callSid }, data: { speechResult: null } });
}

const PHONE = /^\+?\d{5,20}$/;

/** The intake body of a voice petition: the caller's own words, the calling number. */
export function voiceRegistration(input: { answers: PetitionAnswers; fromNumber: string; receivedAt: Date; caseTypeCode: string; confidential: boolean }): RegistrationBody {
  const { what, where, contact } = input.answers;
  const callerNumber = PHONE.test(input.fromNumber) ? input.fromNumber : null;
  const title = `电话留言：${[...what].slice(0, 40).join('')}`;
  const content = [`诉求内容：${what}`, `地点：${where}`, `联系电话：${contact}`, `（12345热线语音留言，文字为语音识别结果；来电号码：${input.fromNumber || '未知'}）`].join('\n');
  return registrationBody.parse({
    channel: 'phone',
    caseTypeCode: input.caseTypeCode,
    title,
    content: [...content].slice(0, 10_000).join(''),
    citizenPhone: callerNumber ?? (PHONE.test(contact) ? contact : null),
    address: [...where].slice(0, 500).join(''),
    receivedAt: input.receivedAt.toISOString(),
    confidential: input.confidential,
  });
}

/** The case a call's voice petition registered, if any (intake keeps it under the CallSid). */
export function registeredCaseOf(prisma: Pick<PrismaClient, 'intakeRequest'>, callSid: string): Promise<string | null> {
  return caseOfIntake(prisma, intakeScope.ivrCall, callSid);
}

/**
 * Links a call and its recordings' attachments to a case, if the case's projection row exists
 * (intake answers once it does, or says it is not listed yet). False if it does not exist yet:
 * the call's status callback links it later. Idempotent. The IVR links its own petitions; an
 * operator files a call taken from the queue under the case registered from it.
 */
export async function linkCallToCase(prisma: PrismaClient, callSid: string, caseId: string, options: { now: () => Date; actor?: Actor; reason?: string | null }): Promise<boolean> {
  if (!(await prisma.case.findUnique({ where: { id: caseId }, select: { id: true } }))) return false;
  const actor = options.actor ?? IVR_ACTOR;
  await prisma.$transaction(async (tx) => {
    const before = await tx.call.findUniqueOrThrow({ where: { id: callSid }, select: { caseId: true, purpose: true } });
    if (before.caseId !== caseId) await tx.call.update({ where: { id: callSid }, data: { caseId, caseLinkedAt: options.now() } });
    const recordings = await tx.recording.findMany({ where: { callId: callSid, attachment: { is: { caseId: null } } }, select: { attachmentId: true } });
    const attachmentIds = recordings.map((r) => r.attachmentId!).sort();
    if (attachmentIds.length > 0) await tx.attachment.updateMany({ where: { id: { in: attachmentIds } }, data: { caseId } });
    if (before.caseId === caseId && attachmentIds.length === 0) return;
    // Keyed by what changed, so that two concurrent links record it once.
    const what = before.caseId === caseId ? `recordings:${attachmentIds.join(',')}` : `case:${caseId}`;
    await tx.auditEvent.createMany({
      data: [{
        idempotencyKey: `call:${callSid}:linked:${what}`,
        caseId,
        entityType: 'call',
        entityId: callSid,
        action: 'callLinkedToCase',
        actorId: actor.id,
        actorRole: actor.roles.join(','),
        actorUnitId: actor.unitId ?? null,
        payload: { purpose: before.purpose, recordingAttachmentIds: attachmentIds, reason: options.reason ?? null },
        occurredAt: options.now(),
      }],
      skipDuplicates: true,
    });
  });
  return true;
}
