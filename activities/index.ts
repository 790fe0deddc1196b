import type { Logger } from '../config/logger';
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
