// Waits for the rules broadcast (workflows/rulesBroadcast) that a change's answer requested: its
// run completes only after a whole pass that began after every request it received, so a
// completed broadcast seen after the change was answered has told every case open then.
import type { RulesBroadcastAnswer } from '../../api/rulesBroadcast/request';
import type { RulesBroadcastStatus } from '../../api/rulesBroadcast/routes';
import type { RulesBroadcastProgress } from '../../workflows/rulesBroadcast/definitions';

export async function settledRulesBroadcast(apiUrl: string, adminToken: string, answer: RulesBroadcastAnswer, timeoutMs = 120_000): Promise<RulesBroadcastProgress> {
  if (answer.status !== 'requested') throw new Error(`no broadcast was requested: ${JSON.stringify(answer)}`);
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const response = await fetch(`${apiUrl}/api/rules-broadcast`, { headers: { authorization: `Bearer ${adminToken}` } });
    last = await response.json();
    const status = last as RulesBroadcastStatus;
    if (response.status === 200 && status.executionStatus === 'COMPLETED' && status.progress?.state === 'done') return status.progress;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the rules broadcast did not complete: ${JSON.stringify(last)}`);
}
