import { createCallbackCallActivities } from './callbackCalls';
import { createCallbackActivities } from './callbacks';
import { createNotificationActivities } from './notifications';
import { createPollCallActivities } from './pollCalls';
import { createProjectionActivities } from './projection';
import { createRulesActivities } from './rules';
import { createRulesBroadcastActivities } from './rulesBroadcast';
import { createSmsDeliveryActivities } from './smsDelivery';
import { createStuckStepActivities } from './stuckSteps';
import type { ActivityDeps } from './deps';
import { withFailureClasses } from './failureClass';

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
    // The poll workflow runs its database steps through its step guard; a call Twilio refuses
    // (or a permanent failure placing it) is a failed attempt.
    ...withFailureClasses(createPollCallActivities(deps)),
    // The broadcast workflow shows its failures on the admin screen and tries the pass again.
    ...createRulesBroadcastActivities(deps),
  };
}
