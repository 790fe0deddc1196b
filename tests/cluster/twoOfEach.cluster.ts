// The product on Temporal's own server (PostgreSQL persistence, SQL visibility) with two workers
// and two API processes, as a city runs it. A client in front of both APIs (a load balancer's
// failover) registers and dispatches cases while one worker and one API are killed; every
// acknowledged answer must become a visible, running case, once. Then a calendar change must
// reach every open case, and login limits and deactivation must hold across the two APIs.
// Run by `npm run test:cluster` (scripts/testCluster.ts).
import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { DEMO_PASSWORD } from '../../prisma/seed/users';
import { waitFor } from '../../scripts/lib/ports';
import { startClusterStack, type ApiProcessHandle, type ClusterStack, type WorkerProcessHandle } from '../support/clusterStack';
import { settledRulesBroadcast } from '../support/rulesBroadcast';
import type { RulesBroadcastAnswer } from '../../api/rulesBroadcast/request';
import { testPrisma } from '../support/db';
import { testDataConverter } from '../support/temporal';

const CASES = 40;
const AT_ONCE = 4;

interface Acknowledged {
  key: string;
  caseId: string;
  /** The API process that answered 201. */
  answeredBy: string;
  dispatched: boolean;
}

describe('the product on Temporal\'s server: two workers, two APIs', function () {
  let stack: ClusterStack;
  const tokens: Record<string, string> = {};
  const marker = `集群-${randomUUID().slice(0, 8)}`;
  const acknowledged: Acknowledged[] = [];
  /** Requests a process did not answer (killed), sent again to the other API. */
  let failovers = 0;

  before(async () => {
    stack = await startClusterStack({ workers: 2, apis: 2 });
    for (const username of ['operator', 'dispatcher', 'admin']) {
      const login = await fetch(`${stack.apis[0]!.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
      assert.equal(login.status, 200, await login.clone().text());
      tokens[username] = ((await login.json()) as { accessToken: string }).accessToken;
    }
  });

  after(async () => {
    await stack?.stop();
  });

  /**
   * POST through `first`, and through the other API when a process does not answer (its
   * connection refused or cut) or answers 503: the same body and Idempotency-Key, as a
   * client behind a load balancer retries. Answers the final response and who gave it.
   */
  async function sendWithFailover(first: number, path: string, user: string, body: unknown, key: string): Promise<{ response: Response; api: ApiProcessHandle }> {
    const deadline = Date.now() + 120_000;
    for (let attempt = 0; ; attempt++) {
      const api = stack.apis[(first + attempt) % stack.apis.length]!;
      try {
        const response = await fetch(`${api.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[user]}`, 'idempotency-key': key },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(60_000),
        });
        if (response.status !== 503) return { response, api };
        await response.arrayBuffer();
      } catch {
        // A killed process: the connection was refused or cut. Try the next.
        failovers++;
      }
      if (Date.now() > deadline) throw new Error(`${path}: no API answered within 120 s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('registers and dispatches through both APIs while a worker and an API are killed: every acknowledged case is visible and running, once', async () => {
    const [firstWorker] = stack.workers;
    const [firstApi] = stack.apis;
    const workerPids = stack.workers.map((worker) => worker.pid());
    let killed: Promise<void> | null = null;
    let answered202 = 0;
    let next = 0;
    await Promise.all(Array.from({ length: AT_ONCE }, async () => {
      while (next < CASES) {
        const n = next++;
        if (n === CASES / 4) {
          // Mid-load: a worker and an API die without a word, then come back (a supervisor restarts them).
          killed = (async () => {
            await Promise.all([firstWorker!.kill(), firstApi!.kill()]);
            await Promise.all([firstWorker!.restart(), firstApi!.restart()]);
          })();
        }
        const key = randomUUID();
        const phone = `+86139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
        const intake = await sendWithFailover(n, '/api/cases', 'operator', { channel: 'phone', caseTypeCode: 'complaint', title: `${marker} 第${n}号`, content: '两个工作进程、两个接口进程时登记的诉求', citizenPhone: phone }, key);
        // 202: registered, but not yet listed within the API's wait (its first workflow task was on the killed worker).
        assert.ok([201, 202].includes(intake.response.status), `${intake.response.status}: ${await intake.response.clone().text()}`);
        const { caseId } = (await intake.response.json()) as { caseId: string };
        if (intake.response.status === 202) answered202++;
        const ack: Acknowledged = { key, caseId, answeredBy: intake.api.name, dispatched: false };
        acknowledged.push(ack);
        // Dispatched through the other API: the case's workflow may still be on the killed worker.
        const dispatch = await sendWithFailover(n + 1, `/api/cases/${caseId}/commands/dispatch`, 'dispatcher', { leadUnitId: 'donghu', assistUnitIds: [] }, randomUUID());
        assert.equal(dispatch.response.status, 200, await dispatch.response.clone().text());
        ack.dispatched = true;
      }
    }));
    await killed;

    assert.equal(acknowledged.length, CASES);
    assert.ok(failovers > 0, 'some requests met the killed API and went to the other');
    console.log(`      ${failovers} request(s) sent again to the other API; ${answered202} intake(s) answered 202 (registered, listed late)`);
    assert.deepEqual(new Set(acknowledged.map((ack) => ack.answeredBy)), new Set(['API 1', 'API 2']), 'both APIs took intakes');
    // Every acknowledged intake and dispatch is a case on the console of either API, exactly once.
    await waitFor('every acknowledged case projected as dispatched', async () => {
      const rows = await testPrisma().case.findMany({ where: { title: { startsWith: marker } }, select: { id: true, status: true } });
      const notYet = acknowledged.filter((ack) => rows.find((row) => row.id === ack.caseId)?.status !== 'dispatched');
      if (notYet.length > 0) throw new Error(`${notYet.length} not projected as dispatched yet: ${notYet.slice(0, 5).map((ack) => ack.caseId).join(', ')}`);
    }, 120_000, 500);
    assert.equal(await testPrisma().case.count({ where: { title: { startsWith: marker } } }), CASES, 'no case registered twice');
    for (const [n, ack] of acknowledged.entries()) {
      const api = stack.apis[n % 2]!;
      const response = await fetch(`${api.url}/api/cases/${ack.caseId}`, { headers: { authorization: `Bearer ${tokens.dispatcher}` } });
      assert.equal(response.status, 200, `${ack.caseId} on ${api.name}`);
    }
    // Each is a running workflow, and both original workers ran workflow tasks.
    const client = new Client({ connection: stack.connection, dataConverter: testDataConverter() });
    const identities = new Set<string>();
    for (const ack of acknowledged) {
      const handle = client.workflow.getHandle(ack.caseId);
      assert.equal((await handle.describe()).status.name, 'RUNNING', ack.caseId);
      for (const event of (await handle.fetchHistory()).events ?? []) {
        const identity = event.workflowTaskCompletedEventAttributes?.identity;
        if (identity) identities.add(identity.split('@')[0]!);
      }
    }
    for (const pid of workerPids) assert.ok(identities.has(String(pid)), `worker ${pid} ran workflow tasks (seen: ${[...identities].join(', ')})`);
  });

  it('each worker serves Prometheus metrics of the workflow tasks it ran (WORKER_METRICS_ADDRESS)', async () => {
    for (const worker of stack.workers) {
      const response = await fetch(worker.metricsUrl);
      assert.equal(response.status, 200, worker.name);
      const text = await response.text();
      // The histogram's count, summed over its label sets: the workflow tasks this process completed since it started.
      const tasks = text.split('\n').filter((line) => line.startsWith('temporal_workflow_task_execution_latency_count')).reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
      assert.ok(tasks > 0, `${worker.name} reports ${tasks} workflow tasks:\n${text.slice(0, 2000)}`);
      assert.match(text, /^temporal_num_pollers\{.*poller_type="workflow_task".*\} [1-9]/m, `${worker.name} reports its workflow pollers`);
    }
  });

  it('a calendar change reaches every open case, though the API that took it and a worker die as it is told', async () => {
    const before = await testPrisma().case.findMany({ where: { title: { startsWith: marker } }, select: { id: true, signForDueAt: true } });
    assert.equal(before.length, CASES);
    // The day each sign-for deadline falls on (Shanghai time), made a holiday.
    const dueDays = [...new Set(before.map((row) => new Date(row.signForDueAt!.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)))];
    const [, changingApi] = stack.apis as [ApiProcessHandle, ApiProcessHandle];
    const [dyingWorker] = stack.workers as [WorkerProcessHandle, WorkerProcessHandle];
    let answer: RulesBroadcastAnswer | undefined;
    for (const day of dueDays) {
      const changed = await fetch(`${changingApi.url}/api/calendar/${day}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}` },
        body: JSON.stringify({ isWorkingDay: false, name: '市定假日', reason: '集群测试：临时放假' }),
      });
      assert.equal(changed.status, 200, await changed.clone().text());
      answer = ((await changed.json()) as { rulesBroadcast: RulesBroadcastAnswer }).rulesBroadcast;
      assert.equal(answer.status, 'requested', JSON.stringify(answer));
    }
    // The broadcast runs in Temporal, not in the API's request: neither death (as it tells the cases, or just after) stops it.
    await Promise.all([changingApi.kill(), dyingWorker.kill()]);
    const progress = await settledRulesBroadcast(stack.apis[0]!.url, tokens.admin!, answer!);
    assert.ok(progress.told >= CASES, `open cases told: ${JSON.stringify(progress)}`);
    await Promise.all([changingApi.restart(), dyingWorker.restart()]);
    await waitFor('every open case on the new calendar', async () => {
      const after = await testPrisma().case.findMany({ where: { title: { startsWith: marker } }, select: { id: true, signForDueAt: true } });
      const unmoved = after.filter((row) => row.signForDueAt!.getTime() <= before.find((b) => b.id === row.id)!.signForDueAt!.getTime());
      if (unmoved.length > 0) throw new Error(`${unmoved.length} cases keep their old sign-for deadline`);
    }, 120_000, 500);
    const recomputed = await testPrisma().auditEvent.groupBy({ by: ['caseId'], where: { caseId: { in: before.map((row) => row.id) }, action: 'deadlinesRecomputed' } });
    assert.equal(recomputed.length, CASES, 'every case recorded the recomputation');
  });

  it('login limits and a deactivation hold across the two APIs', async () => {
    const [a, b] = stack.apis as [ApiProcessHandle, ApiProcessHandle];
    const username = `cluster-${randomUUID().slice(0, 8)}`;
    const password = 'Tiger#Lake2026';
    const created = await fetch(`${a.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}` },
      body: JSON.stringify({ username, displayName: '集群测试', password, roles: ['operator'], unitId: 'hotline' }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const userId = ((await created.json()) as { id: string }).id;
    const login = (api: ApiProcessHandle, secret: string, address: string) =>
      fetch(`${api.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ username, password: secret }) });

    // The seeded rule allows 10 failures per username in 15 minutes, counted in PostgreSQL: half through each API.
    const attacker = `198.18.${randomInt(0, 255)}.1`;
    const statuses = await Promise.all(Array.from({ length: 30 }, async (_, i) => (await login(i % 2 === 0 ? a : b, `wrong-${i}`, attacker)).status));
    assert.deepEqual(statuses.reduce<Record<number, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {}), { 401: 10, 429: 20 });

    // A deactivation through A ends the user's token on B within seconds.
    const session = await login(b, password, `198.18.${randomInt(0, 255)}.2`);
    assert.equal(session.status, 200);
    const { accessToken } = (await session.json()) as { accessToken: string };
    assert.equal((await fetch(`${b.url}/api/cases`, { headers: { authorization: `Bearer ${accessToken}` } })).status, 200);
    const deactivated = await fetch(`${a.url}/api/users/${userId}`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}` }, body: JSON.stringify({ active: false, reason: '集群测试：停用' }) });
    assert.equal(deactivated.status, 200, await deactivated.clone().text());
    await waitFor('the token refused on B', async () => {
      const status = (await fetch(`${b.url}/api/cases`, { headers: { authorization: `Bearer ${accessToken}` } })).status;
      if (status !== 401) throw new Error(`still ${status}`);
    }, 3_000, 100);
  });
});
