// The Call row of a bridge call (a unit's handler calls the citizen through the hotline): the
// handler's leg, placed by the API with Calls.create. Which case and who asked travel in the
// webhook URLs the API gives Twilio (signed with every request), so that whichever comes first,
// the API's insert after Calls.create or Twilio's first webhook, creates the same row.
import { z } from 'zod';
import type { PrismaClient } from '../../../prisma/client';
import { identifier } from '../../../rules/text';
import { caseNumber } from '../../cases/params';
import type { CallRow } from './callRecords';

type CallDb = Pick<PrismaClient, 'call'>;

export interface BridgeCallRef {
  caseId: string;
  requestedById: string;
  requestedByUnitId: string;
}

/** The query of every bridge webhook URL: the case, who asked and their unit. */
export const bridgeCallQuery = z.object({ case: caseNumber, by: identifier(100), unit: identifier(100) });

export function bridgeRefOf(query: unknown): BridgeCallRef {
  const q = bridgeCallQuery.parse(query);
  return { caseId: q.case, requestedById: q.by, requestedByUnitId: q.unit };
}

export function bridgeQueryOf(ref: BridgeCallRef): Record<string, string> {
  return { case: ref.caseId, by: ref.requestedById, unit: ref.requestedByUnitId };
}

export interface BridgeLeg {
  callSid: string;
  /** The hotline's number. */
  from: string;
  /** The handler's phone. */
  to: string;
  status: string;
}

/** Insert-or-skip, then read: a retried webhook and the API's insert find one row. */
export async function ensureBridgeCall(prisma: CallDb, leg: BridgeLeg, ref: BridgeCallRef, now: Date): Promise<CallRow> {
  await prisma.call.createMany({
    data: [{
      id: leg.callSid, callSid: leg.callSid, direction: 'outbound', purpose: 'bridge', fromNumber: leg.from, toNumber: leg.to, status: leg.status || 'queued', startedAt: now,
      caseId: ref.caseId, requestedById: ref.requestedById, requestedByUnitId: ref.requestedByUnitId,
    }],
    skipDuplicates: true,
  });
  return prisma.call.findUniqueOrThrow({ where: { id: leg.callSid } });
}

/** The handler picked up (the first TwiML request). True the first time. */
export async function markHandlerAnswered(prisma: CallDb, callSid: string, now: Date): Promise<boolean> {
  const { count } = await prisma.call.updateMany({ where: { id: callSid, purpose: 'bridge', answeredAt: null }, data: { answeredAt: now, status: 'in-progress' } });
  return count === 1;
}

/** The <Dial> to the citizen ended as Twilio reports it. */
export async function recordDialOutcome(prisma: CallDb, callSid: string, dialStatus: string, dialDurationSec: number | undefined): Promise<CallRow | null> {
  const { count } = await prisma.call.updateMany({ where: { id: callSid, purpose: 'bridge' }, data: { dialStatus, dialDurationSec: dialDurationSec ?? 0 } });
  return count === 1 ? prisma.call.findUniqueOrThrow({ where: { id: callSid } }) : null;
}
