// The product's twilio client is the real SDK; pointed at another base URL it must send the very
// request the SDK builds (path, auth, form body) there, and signatures must be checked on the
// URL Twilio was given.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { startApi, type RunningApi } from '../support/http';
import { postSignedWebhook, TEST_TWILIO_ACCOUNT_SID, TEST_TWILIO_AUTH_TOKEN } from '../support/twilio';
import { createTwilioClient } from '../../telephony/twilioClient';

describe('twilio client redirected to a local endpoint', () => {
  it('sends the SDK’s own request (path, basic auth, form body) to the configured base URL', async () => {
    const seen: { method?: string; url?: string; auth?: string; body?: string }[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ sid: 'SM' + '0'.repeat(32), status: 'queued', to: '+8613800000000', from: '+8653112345', body: 'x' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = createTwilioClient({ accountSid: TEST_TWILIO_ACCOUNT_SID, authToken: TEST_TWILIO_AUTH_TOKEN, apiBaseUrl: `http://127.0.0.1:${port}` });
      const message = await client.messages.create({ to: '+8613800000000', from: '+8653112345', body: '您好' });
      assert.equal(message.sid, 'SM' + '0'.repeat(32));
      assert.equal(seen.length, 1);
      assert.equal(seen[0]!.method, 'POST');
      assert.equal(seen[0]!.url, `/2010-04-01/Accounts/${TEST_TWILIO_ACCOUNT_SID}/Messages.json`);
      assert.equal(seen[0]!.auth, 'Basic ' + Buffer.from(`${TEST_TWILIO_ACCOUNT_SID}:${TEST_TWILIO_AUTH_TOKEN}`).toString('base64'));
      assert.deepEqual(Object.fromEntries(new URLSearchParams(seen[0]!.body)), { To: '+8613800000000', From: '+8653112345', Body: '您好' });
    } finally {
      server.close();
    }
  });
});

describe('Twilio webhook signatures', () => {
  let api: RunningApi;
  before(async () => {
    api = await startApi();
  });
  after(() => api.close());

  it('refuses a missing or wrong signature with 403 before any handler runs', async () => {
    const url = `${api.url}/telephony/nowhere`;
    const params = { CallSid: 'CA' + '1'.repeat(32), From: '+8613800000000' };
    const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() });
    assert.equal(unsigned.status, 403);
    assert.equal((await postSignedWebhook(url, params, { signature: 'AAAA' })).status, 403);
    // Signed for other parameters: the body was changed on the way.
    const forged = await postSignedWebhook(url, { ...params, From: '+8613900000000' }, { signature: twilio.getExpectedTwilioSignature(TEST_TWILIO_AUTH_TOKEN, url, params) });
    assert.equal(forged.status, 403);
    // A valid signature passes the check (and finds no route here).
    assert.equal((await postSignedWebhook(url, params)).status, 404);
  });
});
