import type { Logger } from '../config/logger';
import type { CitizenLinkConfig } from '../lib/citizenAccess/linkUrls';
import type { PrismaClient } from '../prisma/client';
import { createCallbackActivities } from './callbacks';
import { createNotificationActivities } from './notifications';
import { createProjectionActivities } from './projection';
import { createRulesActivities } from './rules';

export interface ActivityDeps {
  prisma: PrismaClient;
  log: Logger;
  /** Sender number of outbound SMS. */
  fromNumber: string;
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
  };
}
