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
import { createStuckStepActivities } from './stuckSteps';
import { withFailureClasses } from './failureClass';

export interface OutboundTelephony extends Omit<TelephonyDeps, 'authToken' | 'apiBaseUrl'> {
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

/**
 * Every activity the worker registers, bound to its dependencies. The ones the workflows run
 * through their step guard tell permanent failures from transient ones; the SMS delivery
 * workflow classifies Twilio's answers itself.
 */
export function createActivities(deps: ActivityDeps) {
  return {
    ...withFailureClasses(createProjectionActivities(deps)),
    ...withFailureClasses(createRulesActivities(deps)),
    ...withFailureClasses(createNotificationActivities(deps)),
    ...createStuckStepActivities(deps),
    ...withFailureClasses(createCallbackActivities(deps)),
    ...createSmsDeliveryActivities(deps),
    ...withFailureClasses(createCallbackCallActivities(deps)),
  };
}
