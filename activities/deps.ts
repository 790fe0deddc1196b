// What the activities are made of: the services the worker binds them to (createActivities).
// A file of its own so that each activity module can name it without importing the index.
import type { Logger } from '../config/logger';
import type { CitizenLinkConfig } from '../lib/citizenAccess/linkUrls';
import type { PrismaClient } from '../prisma/client';
import type { TelephonyDeps } from '../telephony/deps';

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
