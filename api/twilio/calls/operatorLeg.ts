// Who is on the operator's side of a <Dial><Queue>: the operator's phone calls the hotline's
// operator Voice URL either from a Twilio Client (From = "client:<username>") or from the desk
// phone kept as the user's phone number. Only active operators are taken; anyone else is not
// credited with the call (the call is still answered).
import type { PrismaClient } from '../../../prisma/client';
import { phoneForms } from '../../../lib/phoneNumbers';

const CLIENT_PREFIX = 'client:';

/** The id of the active operator calling from `from`, or null. */
export async function operatorOfLeg(prisma: Pick<PrismaClient, 'user'>, from: string): Promise<string | null> {
  const phones = from.startsWith(CLIENT_PREFIX) ? null : phoneForms(from);
  if (phones?.length === 0) return null;
  const where = phones ? { phone: { in: phones } } : { username: from.slice(CLIENT_PREFIX.length) };
  const users = await prisma.user.findMany({ where: { ...where, active: true, roles: { has: 'operator' } }, select: { id: true }, take: 2 });
  // A desk number two operators share credits neither.
  return users.length === 1 ? users[0]!.id : null;
}

/** Still an active operator when the caller's leg is bridged (the id came back in our own URL). */
export async function activeOperator(prisma: Pick<PrismaClient, 'user'>, userId: string): Promise<string | null> {
  const user = await prisma.user.findFirst({ where: { id: userId, active: true, roles: { has: 'operator' } }, select: { id: true } });
  return user?.id ?? null;
}
