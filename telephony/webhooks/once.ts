// Twilio retries webhooks it did not see answered in time: every accepted one is recorded under
// a key (CallSid / MessageSid plus what happened), and a second delivery finds the key taken.
// The parameters are kept as Twilio sent them (jsonb), cleaned by the text policy.
import { isUniqueViolation } from '../../lib/prismaErrors';
import type { PrismaClient } from '../../prisma/client';
import { cleanJson } from '../../rules/text';

export interface WebhookDelivery {
  dedupeKey: string;
  kind: string;
  sid: string;
  params: Record<string, string>;
}

/** True the first time a key is seen (the webhook is recorded), false for a retry. */
export async function firstDelivery(prisma: Pick<PrismaClient, 'telephonyWebhook'>, delivery: WebhookDelivery): Promise<boolean> {
  try {
    await prisma.telephonyWebhook.create({ data: { ...delivery, params: cleanJson(delivery.params) } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
