// Numbers a poll never calls: a caller blocked for harassment (an active block, as
// lib/callerBlocks.ts defines it) and anyone who opted out of the hotline's texts and calls
// (SmsOptOut, also honoured by survey calls).
import type { PrismaClient } from '../../prisma/client';
import { isBlockedCaller } from '../../lib/callerBlocks';
import { phoneForms } from '../../lib/phoneNumbers';

export type PollSkipReason = 'blocked' | 'optedOut';

export async function pollSkipReason(prisma: Pick<PrismaClient, 'blockedCaller' | 'smsOptOut'>, number: string, now: Date): Promise<PollSkipReason | null> {
  if (await isBlockedCaller(prisma, number, now)) return 'blocked';
  // Opt-outs come from inbound SMS (E.164) or operators (as the case keeps the number).
  if (await prisma.smsOptOut.findFirst({ where: { phone: { in: phoneForms(number) } } })) return 'optedOut';
  return null;
}
