// The caller blocklist as the IVR, the SMS webhook, the blocklist API and the poll calls read it (issue 20). A block's status is
// derived from its stored decision and the clock: an approved block is active until expiresAt
// and expired from then on, without anything being written when it ends.
import type { PrismaClient } from '../prisma/client';
import type { db } from '../prisma/client';
import { dialableNumber } from './phoneNumbers';

export const CALLER_BLOCK_STATUSES = ['pending', 'active', 'expired', 'rejected', 'lifted'] as const;
export type CallerBlockStatus = (typeof CALLER_BLOCK_STATUSES)[number];

export function callerBlockStatus(block: Pick<db.BlockedCaller, 'decision' | 'expiresAt'>, now: Date): CallerBlockStatus {
  if (block.decision !== 'approved') return block.decision;
  return block.expiresAt && block.expiresAt > now ? 'active' : 'expired';
}

export function callerBlockWhere(status: CallerBlockStatus, now: Date): db.Prisma.BlockedCallerWhereInput {
  switch (status) {
    case 'active':
      return { decision: 'approved', expiresAt: { gt: now } };
    case 'expired':
      return { decision: 'approved', expiresAt: { lte: now } };
    default:
      return { decision: status };
  }
}

/** A number's live block (pending or active): at most one at a time. */
export function liveBlockWhere(number: string, now: Date): db.Prisma.BlockedCallerWhereInput {
  return { number, OR: [callerBlockWhere('pending', now), callerBlockWhere('active', now)] };
}

/** Whether calls and texts from this number (as Twilio sends From) are refused at `now`. */
export async function isBlockedCaller(prisma: Pick<PrismaClient, 'blockedCaller'>, from: string, now: Date): Promise<boolean> {
  return (await prisma.blockedCaller.count({ where: { number: dialableNumber(from), ...callerBlockWhere('active', now) } })) > 0;
}
