// Registering a confirmed voice petition, once per call (intake keyed by the CallSid): a repeated
// confirm webhook gets the same case.
import { intakeScope } from '../../cases/intakeRequests';
import { IVR_ACTOR, linkCallToCase, voiceRegistration, type PetitionAnswers } from '../calls/voicePetition';
import type { VoiceDeps } from './context';
import { readIvrSettings } from './ivrSettings';

export interface ConfirmedPetition {
  callSid: string;
  fromNumber: string;
  startedAt: Date;
  answers: PetitionAnswers;
}

export async function registerVoicePetition(deps: VoiceDeps, petition: ConfirmedPetition, confidential: boolean, now: () => Date): Promise<{ caseId: string; confidential: boolean }> {
  const settings = await readIvrSettings(deps.prisma);
  const registration = voiceRegistration({ answers: petition.answers, fromNumber: petition.fromNumber, receivedAt: petition.startedAt, caseTypeCode: settings.voiceCaseTypeCode, confidential });
  // A repeated webhook (Twilio retries a slow answer) gets the same case, whatever was said meanwhile.
  const { registered, replayed, visible } = await deps.intake.register({ registration, registeredBy: IVR_ACTOR, scope: intakeScope.ivrCall, key: petition.callSid, request: { callSid: petition.callSid } });
  const { caseId } = registered;
  if (!replayed) deps.log.info({ caseId, callSid: petition.callSid, confidential }, 'voice petition registered');
  // Not listed yet (worker slow): the call's status callback links it when the call ends.
  if (visible) await linkCallToCase(deps.prisma, petition.callSid, caseId, { now });
  // What the case is (a replay keeps the first registration's choice; a 举报 type is confidential anyway).
  const row = await deps.prisma.case.findUnique({ where: { id: caseId }, select: { confidential: true } });
  return { caseId, confidential: row?.confidential ?? confidential };
}
