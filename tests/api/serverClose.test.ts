// Stopping the API (SIGTERM from `npm start` or a service manager) drains it: requests in
// flight get their answers, new connections are refused, and a request that outlasts the
// grace time is cut so that the process still ends.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { createApiServer, type ApiServer } from '../../api/server';
import { createLogger } from '../../config/logger';
import { DiskStore } from '../../storage/diskStore';
import { testPrisma } from '../support/db';
import { TEST_LINK_SECRET } from '../support/links';
import { testTelephony } from '../support/twilio';

describe('API server shutdown', () => {
  let dir: string;
  let api: ApiServer;
  let url: string;
  /** Resolves when the slow route has received its request. */
  let received: Promise<void>;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'api-close-'));
    let markReceived!: () => void;
    received = new Promise((resolve) => (markReceived = resolve));
    const app = express();
    app.get('/slow/:ms', (req, res) => {
      markReceived();
      setTimeout(() => res.json({ answered: true }), Number(req.params.ms));
    });
    api = createApiServer(app, { prisma: testPrisma(), attachmentStore: new DiskStore(dir), log: createLogger('api-close-test', 'silent'), twilio: testTelephony(), publicLinkSecret: TEST_LINK_SECRET, mediaStreamTempDir: dir });
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the requests in flight before it closes, and refuses new ones', async () => {
    const inFlight = fetch(`${url}/slow/800`);
    await received;
    let closedAt = 0;
    const closed = api.close().then(() => (closedAt = Date.now()));
    const response = await inFlight;
    const answeredAt = Date.now();
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { answered: true });
    await closed;
    assert.ok(closedAt >= answeredAt - 50, 'closed only after the answer went out');
    await assert.rejects(fetch(`${url}/slow/0`), /fetch failed/);
  });

  it('cuts a request that outlasts the grace time', async () => {
    const inFlight = fetch(`${url}/slow/60000`).then(() => 'answered', () => 'cut');
    await received;
    const started = Date.now();
    await api.close(300);
    assert.ok(Date.now() - started < 5_000, 'closed soon after the grace time');
    assert.equal(await inFlight, 'cut');
  });
});
