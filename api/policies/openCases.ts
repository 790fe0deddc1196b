// After a policy or setting change, open cases are told (rulesChanged) so that they reload
// their rules: the new values apply to every clock that starts from then on, in open cases as
// in new ones, while a running clock keeps the limit it started with (workflows recompute a
// running clock from its own limit; see recomputeClock). Without the signal an open case would
// pick the change up only at the next calendar edit, so its behaviour would hang on that.
import type { Client } from '@temporalio/client';
import type { Logger } from '../../config/logger';
import { signalRulesChanged } from '../cases/openCases';

/** How many open cases were told, or null when Temporal could not be reached (the change stands). */
export async function tellOpenCases(client: Client, log: Logger): Promise<number | null> {
  try {
    return await signalRulesChanged(client, log);
  } catch (error) {
    log.error({ err: error }, 'open cases could not be told that the rules changed; they pick the change up at their next rules reload');
    return null;
  }
}
