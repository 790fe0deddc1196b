import type { Logger } from '../config/logger';
import type { CitizenLinkConfig } from '../lib/citizenAccess/linkUrls';
import type { PrismaClient } from '../prisma/client';
import type { TelephonyDeps } from '../telephony/deps';
import { createCallbackCallActivities } from './callbackCalls';
import { createCallbackActivities } from './callbacks';
import { createNotificationActivities } from './notifications';
import { createProjectionActivities } from './projection';
import { createRulesActivities } from './rules';
import { createSmsDeliveryActivities } from './smsDelivery';

export interface OutboundTelephony extends Omit<TelephonyDeps, 'authToken'> {
  /** Where Twilio posts status callbacks and fetches call TwiML (PUBLIC_BASE_URL). */
  webhookBaseUrl: string;
}

export interface ActivityDeps {
  prisma: PrismaClient;
  log: Logger;
  /** Twilio (or the local endpoint): SMS and callback calls, sent from the hotline's number. */
  telephony: OutboundTelephony;
  /** Signs the links SMS give citizens (survey, re-review) and opens sealed receipt params. */
  links: CitizenLinkConfig;
}

/** Every activity the worker registers, bound to its dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createProjectionActivities(deps),
    ...createRulesActivities(deps),
    ...createNotificationActivities(deps),
    ...createCallbackActivities(deps),
    ...createSmsDeliveryActivities(deps),
    ...createCallbackCallActivities(deps),
  };
}
