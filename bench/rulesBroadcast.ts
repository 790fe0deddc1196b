// The rules broadcast at scale (workflows/rulesBroadcast): every open case of the bench told that
// the rules changed, as an admin's POST /api/rules-broadcast asks, timed from the request to the
// completed broadcast. Beside it, in the same process on the same cases, the way the API did it
// before inside the admin's request: list through visibility, then signal 16 at a time.
import type { Client } from '@temporalio/client';
import type { RulesBroadcastStatus } from '../api/rulesBroadcast/routes';
import { rulesChangedSignal } from '../workflows/petition/definitions';
import { OPEN_CASES_QUERY } from '../activities/rulesBroadcast';
import { waitFor } from '../scripts/lib/ports';
import { log } from './stack';

/** How long the worker gets to finish the cases' rule reloads before the next measurement. */
const SETTLE_MS = 10_000;

async function signalDirectly(client: Client): Promise<number> {
  const ids: string[] = [];
  for await (const execution of client.workflow.list({ query: OPEN_CASES_QUERY })) ids.push(execution.workflowId);
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < ids.length) await client.workflow.getHandle(ids[next++]!).signal(rulesChangedSignal);
    }),
  );
  return ids.length;
}

export async function measureRulesBroadcast(apiUrl: string, adminToken: () => string, client: Client): Promise<string> {
  const started = performance.now();
  const direct = await signalDirectly(client);
  const directSeconds = (performance.now() - started) / 1000;
  log(`  directly from one process: ${direct} cases signalled in ${directSeconds.toFixed(1)} s (${(direct / directSeconds).toFixed(0)}/s)`);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

  const requested = performance.now();
  const answer = await fetch(`${apiUrl}/api/rules-broadcast`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken()}` }, body: JSON.stringify({ reason: 'bench' }) });
  if (answer.status !== 202) throw new Error(`POST /api/rules-broadcast answered ${answer.status}: ${await answer.text()}`);
  const done = await waitFor('the rules broadcast', async () => {
    const status = (await (await fetch(`${apiUrl}/api/rules-broadcast`, { headers: { authorization: `Bearer ${adminToken()}` } })).json()) as RulesBroadcastStatus;
    if (status.executionStatus !== 'COMPLETED' || status.progress?.state !== 'done') throw new Error(JSON.stringify(status.progress));
    return status.progress;
  }, 30 * 60_000, 200);
  const seconds = (performance.now() - requested) / 1000;
  log(`  the rules broadcast: ${done.told} cases told in ${seconds.toFixed(1)} s (${(done.told / seconds).toFixed(0)}/s), ${done.pass} pass, ${done.closed} closed meanwhile`);
  return `rules broadcast: ${(done.told / seconds).toFixed(0)} cases/s; direct signalling: ${(direct / directSeconds).toFixed(0)}/s`;
}
