// `npm start` end to end (after its install step): a private data folder and free ports, so it
// runs beside anything else. It must serve /healthz and the Temporal UI, bring back a worker
// and an API killed with SIGKILL (an intake after that becomes a case), stop everything in
// order on SIGTERM or Ctrl-C (SIGINT), and find the same case and running workflow when
// started again.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { PROJECT_ROOT } from '../../config/env';
import { freePort, isPortFree, waitFor } from '../../scripts/lib/ports';
import { DEMO_PASSWORD } from '../../prisma/seed/users';
import { allClusterPorts, clusterPortsFrom } from '../../scripts/services/temporalCluster';
import { sampleRegistration } from '../support/cases';
import { testDataConverter } from '../support/temporal';

interface Started {
  child: ChildProcess;
  output: () => string;
}

async function npmStart(env: NodeJS.ProcessEnv, apiUrl: string): Promise<Started> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const started = { child, output: () => output };
  try {
    await waitFor('npm start', async () => {
      if (child.exitCode !== null) throw new Error(`exited early:\n${output}`);
      if (!output.includes('hotline case system is running')) throw new Error('not ready yet');
    }, 180_000, 250);
    await waitFor('the API', async () => {
      const response = await fetch(`${apiUrl}/healthz`);
      if (response.status !== 200) throw new Error(`healthz ${response.status}`);
    }, 20_000, 250);
  } catch (error) {
    // It stops what it started so far; left running, it would outlive the test.
    if (child.exitCode === null) await stopWith(started, 'SIGTERM');
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return started;
}

/** Stops it with `signal` and answers its exit code, once it has stopped everything. */
function stopWith(started: Started, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    started.child.once('exit', (code) => resolve(code));
    started.child.kill(signal);
  });
}

/** The pid the launcher last reported for `name` (it logs each start). */
function lastPid(started: Started, name: string): number | null {
  const pids = [...started.output().matchAll(new RegExp(`\\[start\\] ${name} started \\(pid (\\d+)\\)`, 'g'))].map((match) => Number(match[1]));
  return pids.at(-1) ?? null;
}

/** Kills the launcher's `name` with SIGKILL and waits until the launcher has started it again. */
async function killAndAwaitRestart(started: Started, name: string): Promise<number> {
  const pid = lastPid(started, name);
  assert.ok(pid, `the launcher reported the ${name}'s pid:\n${started.output()}`);
  process.kill(pid, 'SIGKILL');
  return waitFor(`the ${name} restarted`, async () => {
    const next = lastPid(started, name);
    if (next === pid || next === null) throw new Error('not restarted yet');
    return next;
  }, 30_000, 100);
}

/** The operator registers a case over HTTP (201), and it can be read back: the workflow started and projected. Answers its id. */
async function registerAndSee(apiUrl: string, title: string, content: string): Promise<string> {
  const login = await fetch(`${apiUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'operator', password: DEMO_PASSWORD }) });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const intake = await fetch(`${apiUrl}/api/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ channel: 'phone', caseTypeCode: 'complaint', title, content }),
  });
  assert.equal(intake.status, 201, await intake.clone().text());
  const { id } = (await intake.json()) as { id: string };
  await waitFor(`case ${id} on the console`, async () => {
    const response = await fetch(`${apiUrl}/api/cases/${id}`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (response.status !== 200) throw new Error(`GET /api/cases/${id}: ${response.status}`);
  }, 60_000, 250);
  return id;
}

describe('npm start', function () {
  this.timeout(420_000);
  let dataDir: string;

  before(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'hotline-start-'));
    // mkdtemp makes it private; the `postgres` user (when we run as root) must reach it.
    chmodSync(dataDir, 0o755);
  });

  after(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves /healthz and the Temporal UI, restarts a killed worker and API, stops in order on SIGTERM and Ctrl-C, and keeps cases across restarts', async () => {
    const ports = { pg: await freePort(), temporal: await freePort(), temporalUi: await freePort(), api: await freePort(), localTwilio: await freePort() };
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      LOCAL_PG_PORT: String(ports.pg),
      LOCAL_TEMPORAL_PORT: String(ports.temporal),
      LOCAL_TEMPORAL_UI_PORT: String(ports.temporalUi),
      API_PORT: String(ports.api),
      LOCAL_TWILIO_PORT: String(ports.localTwilio),
      TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH,
    };
    const apiUrl = `http://127.0.0.1:${ports.api}`;
    const databaseUrl = `postgresql://hotline@127.0.0.1:${ports.pg}/hotline`;
    const registration = sampleRegistration();

    const first = await npmStart(env, apiUrl);
    try {
      assert.match(first.output(), new RegExp(`Temporal UI +http://127\\.0\\.0\\.1:${ports.temporalUi}`));
      assert.match(first.output(), /operator +operator/);
      assert.equal((await fetch(`http://127.0.0.1:${ports.temporalUi}/`)).status, 200);
      // No Twilio account configured: the local endpoint stands in, sending the hotline's calls to the API.
      const localTwilioUrl = `http://127.0.0.1:${ports.localTwilio}`;
      assert.match(first.output(), new RegExp(`Phone and SMS +${localTwilioUrl.replace(/\./g, '\\.')}/`));
      const numbers = (await (await fetch(`${localTwilioUrl}/_local/numbers`)).json()) as { numbers: { number: string; voiceUrl: string }[] };
      assert.deepEqual(numbers.numbers.map((n) => [n.number, n.voiceUrl]), [['+8653112345', `${apiUrl}/telephony/voice/incoming`]]);
      const health = (await (await fetch(`${apiUrl}/healthz`)).json()) as { status: string };
      assert.equal(health.status, 'ok');

      const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
      await new Client({ connection, dataConverter: testDataConverter() }).workflow.start('petitionWorkflow', { args: [{ registration }], taskQueue: 'petitions', workflowId: registration.caseId });
      await connection.close();
      await waitFor('the projection', async () => {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        const { rowCount } = await client.query('SELECT 1 FROM "Case" WHERE id = $1', [registration.caseId]);
        await client.end();
        if (rowCount !== 1) throw new Error('not projected yet');
        // The worker bundles its workflows first: on a busy machine that takes a while.
      }, 150_000, 250);

      // A crashed worker and API come back; nothing else is stopped (the old launcher stopped everything).
      await killAndAwaitRestart(first, 'worker');
      assert.match(first.output(), /\[start\] worker was killed by SIGKILL after [\d.]+ s; restarting it in 1\.0 s/);
      await killAndAwaitRestart(first, 'api');
      assert.match(first.output(), /\[start\] api was killed by SIGKILL after [\d.]+ s; restarting it in 1\.0 s/);
      await waitFor('the API after its restart', async () => {
        const response = await fetch(`${apiUrl}/healthz`);
        if (response.status !== 200) throw new Error(`healthz ${response.status}`);
      }, 60_000, 250);
      assert.doesNotMatch(first.output(), /stopping/);
      assert.equal((await fetch(`http://127.0.0.1:${ports.temporalUi}/`)).status, 200, 'Temporal still runs');

      // An intake after both restarts becomes a case: the new API starts its workflow, the new worker projects it.
      await registerAndSee(apiUrl, '重启后登记', '工作进程和接口重启之后登记的诉求');
    } finally {
      assert.equal(await stopWith(first, 'SIGTERM'), 0, first.output());
    }
    // SIGTERM stopped everything, the API first and PostgreSQL last.
    const stops = [...first.output().matchAll(/\[start\] ([\w-]+) stopped \(/g)].map((match) => match[1]);
    assert.deepEqual([stops.indexOf('api'), stops.indexOf('worker'), stops.indexOf('temporal'), stops.indexOf('postgres')].map((i) => i >= 0), [true, true, true, true], first.output());
    assert.ok(stops.indexOf('api') < stops.indexOf('worker') && stops.indexOf('worker') < stops.indexOf('temporal') && stops.indexOf('temporal') < stops.indexOf('postgres'), `stop order: ${stops.join(', ')}`);
    for (const port of Object.values(ports)) assert.equal(await isPortFree(port), true, `port ${port} is released after SIGTERM`);

    const second = await npmStart(env, apiUrl);
    try {
      assert.doesNotMatch(second.output(), /creating a PostgreSQL cluster|demo data seeded|applied migrations/);
      const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
      const handle = new Client({ connection, dataConverter: testDataConverter() }).workflow.getHandle(registration.caseId);
      assert.equal((await handle.describe()).status.name, 'RUNNING');
      // A worker killed inside the case's first workflow task (its database steps are local
      // activities, so the projection can land before that task completes) leaves the task to be
      // run again; a query that arrives with it sees the rules still loading and is refused
      // ("still being registered"). Asked again until the new worker has run the task.
      const answered = await waitFor('the case answering its state after the restart', () => handle.query<{ status: string }>('getState'), 60_000, 500);
      assert.equal(answered.status, 'registered');
      await handle.terminate('test finished');
      await connection.close();
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      const { rows } = await client.query('SELECT status FROM "Case" WHERE id = $1', [registration.caseId]);
      await client.end();
      assert.deepEqual(rows, [{ status: 'registered' }]);
    } finally {
      assert.equal(await stopWith(second, 'SIGINT'), 0, second.output());
    }
  });
  it('with TEMPORAL_MODE=cluster runs Temporal\'s own server on the local PostgreSQL: the console is served, an intake becomes a listed workflow, and a second start reuses the stores', async () => {
    const clusterDir = mkdtempSync(path.join(os.tmpdir(), 'hotline-start-cluster-'));
    chmodSync(clusterDir, 0o755);
    // The frontend's port decides the others (beside it, as Temporal's sample configuration lays them out): all must be free.
    let frontend = await freePort();
    while (!(await Promise.all(allClusterPorts(clusterPortsFrom(frontend)).map((port) => isPortFree(port)))).every(Boolean)) frontend = await freePort();
    const ports = { pg: await freePort(), api: await freePort(), localTwilio: await freePort() };
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_LEVEL: 'warn',
      DATA_DIR: clusterDir,
      TEMPORAL_MODE: 'cluster',
      LOCAL_PG_PORT: String(ports.pg),
      LOCAL_TEMPORAL_PORT: String(frontend),
      API_PORT: String(ports.api),
      LOCAL_TWILIO_PORT: String(ports.localTwilio),
    };
    const apiUrl = `http://127.0.0.1:${ports.api}`;
    const address = `127.0.0.1:${frontend}`;
    try {
      const first = await npmStart(env, apiUrl);
      let caseId: string;
      try {
        assert.match(first.output(), /creating Temporal's database temporal\n[^]*creating Temporal's database temporal_visibility/);
        assert.match(first.output(), new RegExp(`Temporal UI +\\(Temporal's server at ${address.replace(/\./g, '\\.')}, no web UI`));
        const console = await fetch(`${apiUrl}/`);
        assert.equal(console.status, 200);
        assert.match(await console.text(), /<div id="root">/);
        caseId = await registerAndSee(apiUrl, '集群登记', '在 Temporal 自有服务器上登记的诉求');
        // SQL visibility on PostgreSQL answers the query the rule broadcast uses (api/cases/openCases.ts).
        const connection = await Connection.connect({ address });
        const listed = await waitFor('the workflow in SQL visibility', async () => {
          const ids: string[] = [];
          for await (const execution of new Client({ connection, dataConverter: testDataConverter() }).workflow.list({ query: "WorkflowType = 'petitionWorkflow' AND ExecutionStatus = 'Running'" })) ids.push(execution.workflowId);
          if (!ids.includes(caseId)) throw new Error(`listed: ${ids.join(', ')}`);
          return ids;
        }, 30_000, 500);
        assert.deepEqual(listed, [caseId]);
        await connection.close();
      } finally {
        assert.equal(await stopWith(first, 'SIGTERM'), 0, first.output());
      }
      const stops = [...first.output().matchAll(/\[start\] ([\w-]+) stopped \(/g)].map((match) => match[1]);
      assert.ok(stops.indexOf('worker') < stops.indexOf('temporal') && stops.indexOf('temporal') < stops.indexOf('postgres'), `stop order: ${stops.join(', ')}`);

      const second = await npmStart(env, apiUrl);
      try {
        assert.doesNotMatch(second.output(), /creating Temporal's database/);
        const connection = await Connection.connect({ address });
        const handle = new Client({ connection, dataConverter: testDataConverter() }).workflow.getHandle(caseId);
        assert.equal((await handle.describe()).status.name, 'RUNNING');
        assert.equal((await waitFor('the case answering its state', () => handle.query<{ status: string }>('getState'), 60_000, 500)).status, 'registered');
        await connection.close();
      } finally {
        assert.equal(await stopWith(second, 'SIGINT'), 0, second.output());
      }
    } finally {
      rmSync(clusterDir, { recursive: true, force: true });
    }
  });
});
