// Who may call a case's citizen through the hotline, and whether the case's citizen can be called
// now: shared by the API (which refuses) and the bridge webhook (which checks again when the
// handler picks up, since the case may have moved on while their phone rang).
import type { PrismaClient, db } from '../../prisma/client';
import { dialableNumber } from '../../lib/phoneNumbers';
import { readRuleSettings } from '../../lib/ruleSettings';
import { formatShanghaiMinute } from '../../rules/shanghaiTime';

type Db = Pick<PrismaClient, 'case' | 'caseAssignment' | 'ruleSetting'>;

/** What Twilio dials: E.164. */
export const E164_NUMBER = /^\+[1-9]\d{6,14}$/;

/** A unit's part still being played: not returned, withdrawn or completed. */
const LIVE_ASSIGNMENT_STATUSES: db.AssignmentStatus[] = ['dispatched', 'signed', 'returnRequested', 'subDispatched', 'opinionSubmitted', 'resultSubmitted'];

/** Cases whose handling is over: nobody calls the citizen about them through the hotline. */
const ENDED_CASE_STATUSES: db.CaseStatus[] = ['closed', 'archived', 'merged', 'rejected', 'answeredDirectly'];

/** The user's unit's live lead or assist assignment on the case (lead first), or null. */
export async function liveAssignmentOf(prisma: Db, caseId: string, unitId: string) {
  const assignments = await prisma.caseAssignment.findMany({
    where: { caseId, unitId, role: { in: ['lead', 'assist'] }, status: { in: LIVE_ASSIGNMENT_STATUSES } },
    orderBy: [{ role: 'asc' }, { dispatchedAt: 'desc' }],
    select: { id: true, role: true, status: true },
  });
  return assignments[0] ?? null;
}

export interface BridgeSettings {
  hours: { start: string; end: string };
  maxMinutes: number;
  ringSeconds: number;
}

export async function readBridgeSettings(prisma: Pick<PrismaClient, 'ruleSetting'>): Promise<BridgeSettings> {
  const settings = await readRuleSettings(prisma, ['bridgeCall.hours', 'bridgeCall.maxMinutes', 'bridgeCall.ringSeconds']);
  return { hours: settings['bridgeCall.hours'], maxMinutes: settings['bridgeCall.maxMinutes'], ringSeconds: settings['bridgeCall.ringSeconds'] };
}

/** Whether `now` is within the bridge call hours (Asia/Shanghai wall clock, end exclusive). */
export function withinBridgeHours(now: Date, hours: BridgeSettings['hours']): boolean {
  const clock = formatShanghaiMinute(now.getTime()).slice(11);
  return clock >= hours.start && clock < hours.end;
}

export type CitizenLine = { ok: true; number: string } | { ok: false; why: string };

/** The citizen's number to dial, or why the case's citizen cannot be called. Never sent to a unit. */
export async function citizenLineOf(prisma: Pick<PrismaClient, 'case'>, caseId: string): Promise<CitizenLine | null> {
  const found = await prisma.case.findUnique({ where: { id: caseId }, select: { status: true, citizenPhone: true } });
  if (!found) return null;
  if (ENDED_CASE_STATUSES.includes(found.status)) return { ok: false, why: `the case is ${found.status}` };
  const number = found.citizenPhone ? dialableNumber(found.citizenPhone) : null;
  if (!number || !E164_NUMBER.test(number)) return { ok: false, why: 'the case has no dialable citizen phone' };
  return { ok: true, number };
}
