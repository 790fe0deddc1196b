// `npm start`'s Temporal dev server keeps its state in a SQLite file under .data/: a case's
// workflow started before a restart is still there, still running, after it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { freePort } from '../../scripts/lib/ports';
import { ensureLocalTemporal } from '../../scripts/services/temporal';
import { sampleRegistration } from '../support/cases';
import { testDataConverter } from '../support/temporal';


describe('local Temporal dev server of npm start', () => {
  let dataRoot: string;

  before(() => {
    dataRoot = mkdtempSync(path.join(os.tmpdir(), 'temporal-data-'));
  });

  after(() => {
    rmSync(dataRoot, { recursive: true, force: true });
  });

  it('keeps running workflows across a restart', async () => {
    const options = { dataRoot, port: await freePort(), uiPort: await freePort(), namespace: 'default', log: () => {} };
    const registration = sampleRegistration();

    const first = await ensureLocalTemporal(options);
    assert.equal(first.startedHere, true);
    try {
      const connection = await Connection.connect({ address: first.address });
      await new Client({ connection, dataConverter: testDataConverter() }).workflow.start('petitionWorkflow', { args: [{ registration }], taskQueue: 'no-worker', workflowId: registration.caseId });
      await connection.close();
    } finally {
      await first.stop();
    }

    const second = await ensureLocalTemporal(options);
    try {
      const connection = await Connection.connect({ address: second.address });
      const description = await new Client({ connection, dataConverter: testDataConverter() }).workflow.getHandle(registration.caseId).describe();
      assert.equal(description.status.name, 'RUNNING');
      assert.equal(description.type, 'petitionWorkflow');
      const ui = await fetch(second.uiUrl);
      assert.equal(ui.status, 200, 'the Temporal web UI is served');
      await connection.close();
    } finally {
      await second.stop();
    }
  });

  it('refuses a taken port by naming the setting to change', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      await assert.rejects(
        ensureLocalTemporal({ dataRoot, port, uiPort: await freePort(), namespace: 'default', log: () => {} }),
        /not a Temporal server: set LOCAL_TEMPORAL_PORT/,
      );
    } finally {
      blocker.close();
    }
  });
});
