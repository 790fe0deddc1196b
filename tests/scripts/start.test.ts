// `npm start` end to end (after its install step): a private data folder and free ports, so it
// runs beside anything else. It must serve /healthz and the Temporal UI, stop on Ctrl-C
// (SIGINT), and find the same case and running workflow when started again.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { PROJECT_ROOT } from '../../config/env';
import { isPortFree, waitFor } from '../../scripts/lib/ports';
import { sampleRegistration } from '../support/cases';

/**
 * A free port below the ephemeral range (32768+): the servers npm start launches open more
 * ports of their own from that range, and must not take one picked here in the meantime.
 */
async function fixedFreePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await isPortFree(port)) return port;
  }
}

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
  await waitFor('npm start', async () => {
    if (child.exitCode !== null) throw new Error(`exited early:\n${output}`);
    if (!output.includes('hotline case system is running')) throw new Error('not ready yet');
  }, 90_000, 250);
  await waitFor('the API', async () => {
    const response = await fetch(`${apiUrl}/healthz`);
    if (response.status !== 200) throw new Error(`healthz ${response.status}`);
  }, 20_000, 250);
  return { child, output: () => output };
}

function interrupt(started: Started): Promise<number | null> {
  return new Promise((resolve) => {
    started.child.once('exit', (code) => resolve(code));
    started.child.kill('SIGINT');
  });
}

describe('npm start', function () {
  this.timeout(240_000);
  let dataDir: string;

  before(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'hotline-start-'));
    // mkdtemp makes it private; the `postgres` user (when we run as root) must reach it.
    chmodSync(dataDir, 0o755);
  });

  after(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves /healthz and the Temporal UI, stops on Ctrl-C, and keeps cases across restarts', async () => {
    const ports = { pg: await fixedFreePort(), temporal: await fixedFreePort(), temporalUi: await fixedFreePort(), api: await fixedFreePort(), localTwilio: await fixedFreePort() };
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
      await new Client({ connection }).workflow.start('petitionWorkflow', { args: [{ registration }], taskQueue: 'petitions', workflowId: registration.caseId });
      await connection.close();
      await waitFor('the projection', async () => {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        const { rowCount } = await client.query('SELECT 1 FROM "Case" WHERE id = $1', [registration.caseId]);
        await client.end();
        if (rowCount !== 1) throw new Error('not projected yet');
      });
    } finally {
      assert.equal(await interrupt(first), 0, first.output());
    }
    for (const port of Object.values(ports)) assert.equal(await isPortFree(port), true, `port ${port} is released after Ctrl-C`);

    const second = await npmStart(env, apiUrl);
    try {
      assert.doesNotMatch(second.output(), /creating a PostgreSQL cluster|demo data seeded|applied migrations/);
      const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
      const handle = new Client({ connection }).workflow.getHandle(registration.caseId);
      assert.equal((await handle.describe()).status.name, 'RUNNING');
      assert.equal((await handle.query<{ status: string }>('getState')).status, 'registered');
      await handle.terminate('test finished');
      await connection.close();
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      const { rows } = await client.query('SELECT status FROM "Case" WHERE id = $1', [registration.caseId]);
      await client.end();
      assert.deepEqual(rows, [{ status: 'registered' }]);
    } finally {
      assert.equal(await interrupt(second), 0, second.output());
    }
  });
});
