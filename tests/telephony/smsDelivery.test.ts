// Outbound SMS delivery through Temporal and the real twilio client. Until the local
// Twilio-compatible endpoint (telephony/localTwilio) exists, a tiny HTTP server in this file
// answers `POST /2010-04-01/Accounts/<sid>/Messages.json` as Twilio documents it (201 with the
// message, or Twilio's error JSON), and plays Twilio's status callbacks back, signed.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { signAccessToken } from '../../api/auth/tokens';
import { smsDeliveryWorkflowId } from '../../activities/smsDelivery';
import { createLogger } from '../../config/logger';
import { createWorker } from '../../worker/createWorker';
import type { SmsDeliveryOutcome } from '../../workflows/sms/workflow';
import { testPrisma } from '../support/db';
import { postJson, startApi, TEST_JWT_SECRET, type RunningApi } from '../support/http';
import { TEST_LINKS } from '../support/links';
import { waitUntil } from '../support/petitions';
import { createDevServerEnv } from '../support/temporal';
import { postSignedWebhook, TEST_HOTLINE_NUMBER, TEST_TWILIO_ACCOUNT_SID, testOutboundTelephony, testTelephony } from '../support/twilio';

interface SentRequest {
  path: string;
  params: Record<string, string>;
}

type Answer = { status: number; body: Record<string, unknown> };

/** Answers the Messages resource like Twilio; `answer` decides per request (default: accepted). */
class TwilioMessagesStandIn {
  readonly requests: SentRequest[] = [];
  answer: (request: SentRequest, nth: number) => Answer | null = () => null;
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => {
        const request = { path: req.url ?? '', params: Object.fromEntries(new URLSearchParams(raw)) };
        this.requests.push(request);
        const nth = this.requests.filter((r) => r.params.To === request.params.To).length;
        const answer = this.answer(request, nth) ?? TwilioMessagesStandIn.accepted(request);
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  static accepted(request: SentRequest): Answer {
    const sid = `SM${randomBytes(16).toString('hex')}`;
    return {
      status: 201,
      body: { sid, account_sid: TEST_TWILIO_ACCOUNT_SID, to: request.params.To, from: request.params.From, body: request.params.Body, status: 'queued', num_segments: '1', direction: 'outbound-api', api_version: '2010-04-01', date_created: new Date().toUTCString(), error_code: null, error_message: null, uri: `/2010-04-01/Accounts/${TEST_TWILIO_ACCOUNT_SID}/Messages/${sid}.json` },
    };
  }

  static error(status: number, code: number, message: string): Answer {
    return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
  }

  sentTo(to: string): SentRequest[] {
    return this.requests.filter((r) => r.params.To === to);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('outbound SMS delivery (Temporal + twilio client against a Messages stand-in)', () => {
  const twilio = new TwilioMessagesStandIn();
  const taskQueue = `sms-delivery-${randomUUID()}`;
  let env: TestWorkflowEnvironment;
  let api: RunningApi;
  let worker: Worker;
  let running: Promise<void>;

  before(async () => {
    await twilio.start();
    env = await createDevServerEnv();
    api = await startApi({ temporal: env.connection, taskQueue, twilio: testTelephony(twilio.url) });
    worker = await createWorker({
      connection: env.nativeConnection, namespace: 'default', taskQueue,
      deps: { prisma: testPrisma(), log: createLogger('test', 'silent'), telephony: testOutboundTelephony(api.url, twilio.url), links: TEST_LINKS },
    });
    running = worker.run();
  });

  after(async () => {
    worker?.shutdown();
    await running;
    await api?.close();
    await env?.teardown();
    await twilio.stop();
  });

  const operator = { authorization: `Bearer ${signAccessToken({ sub: 'user-operator', username: 'operator', roles: ['operator'], unitId: 'hotline' }, TEST_JWT_SECRET, 300)}` };
  const phone = () => `+86139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

  /** Registers a case over the API; the workflow queues the receipt SMS (and so its delivery). */
  const register = async (citizenPhone: string): Promise<string> => {
    const response = await postJson(`${api.url}/api/cases`, { channel: 'phone', caseTypeCode: 'consultation', title: '咨询社保转移', content: '外地社保如何转入本市？', citizenPhone }, operator);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.caseId;
  };
  const receipt = (caseId: string) => testPrisma().smsMessage.findUniqueOrThrow({ where: { id: `notice:${caseId}:receipt` } });
  /** The outcome of the receipt's delivery workflow, once the case's workflow has started it. */
  const delivery = async (caseId: string): Promise<SmsDeliveryOutcome> => {
    const handle = env.client.workflow.getHandle(smsDeliveryWorkflowId(`notice:${caseId}:receipt`));
    await waitUntil(async () => (await handle.describe().catch(() => null)) !== null);
    return handle.result();
  };

  it('sends the receipt, retries after a Twilio server error, and records the delivery Twilio reports', async () => {
    const citizen = phone();
    twilio.answer = (request, nth) => (request.params.To === citizen && nth === 1 ? TwilioMessagesStandIn.error(500, 20500, 'Internal Server Error') : null);
    const caseId = await register(citizen);
    const outcome = await delivery(caseId);
    assert.equal(outcome.outcome, 'accepted');

    const sent = twilio.sentTo(citizen);
    assert.equal(sent.length, 2, 'one failed attempt, one accepted');
    for (const request of sent) {
      assert.equal(request.path, `/2010-04-01/Accounts/${TEST_TWILIO_ACCOUNT_SID}/Messages.json`);
      assert.equal(request.params.From, TEST_HOTLINE_NUMBER);
      assert.match(request.params.Body!, new RegExp(`^【12345热线】您的诉求已受理，受理号${caseId}，查询密码\\d{6}。`));
      assert.equal(request.params.StatusCallback, `${api.url}/telephony/sms/status?messageId=${encodeURIComponent(`notice:${caseId}:receipt`)}`);
    }
    const row = await receipt(caseId);
    assert.deepEqual([row.attempts, row.status, row.errorCode, row.messageSid], [2, 'queued', null, outcome.outcome === 'accepted' ? outcome.messageSid : null]);
    assert.ok(row.lastAttemptAt);

    // Twilio's status callbacks, signed as Twilio signs them.
    for (const status of ['sent', 'delivered']) {
      const response = await postSignedWebhook(sent[1]!.params.StatusCallback!, { MessageSid: row.messageSid!, MessageStatus: status, To: citizen, From: TEST_HOTLINE_NUMBER, AccountSid: TEST_TWILIO_ACCOUNT_SID });
      assert.equal(response.status, 200);
    }
    const delivered = await receipt(caseId);
    assert.equal(delivered.status, 'delivered');
    assert.ok(delivered.sentAt && delivered.deliveredAt);

    // Delivering the same row again sends nothing: Twilio already has it.
    const again = await env.client.workflow.execute('smsDeliveryWorkflow', { args: [{ messageId: row.id }], taskQueue, workflowId: `sms-again-${randomUUID()}` });
    assert.deepEqual(again, { messageId: row.id, outcome: 'accepted', messageSid: row.messageSid });
    assert.equal(twilio.sentTo(citizen).length, 2);
    await env.client.workflow.getHandle(caseId).terminate('test finished');
  });

  it('marks a message Twilio refuses for good (invalid number) failed without retrying', async () => {
    const citizen = phone();
    twilio.answer = (request) => (request.params.To === citizen ? TwilioMessagesStandIn.error(400, 21211, `The 'To' number ${citizen} is not a valid phone number.`) : null);
    const caseId = await register(citizen);
    assert.deepEqual(await delivery(caseId), { messageId: `notice:${caseId}:receipt`, outcome: 'failed', reason: 'rejected' });
    const row = await receipt(caseId);
    assert.deepEqual([row.status, row.attempts, row.errorCode, row.messageSid], ['failed', 1, '21211', null]);
    assert.match(row.errorMessage!, /not a valid phone number/);
    assert.equal(twilio.sentTo(citizen).length, 1);
    // The case itself went on regardless.
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } }))?.status === 'registered');
    await env.client.workflow.getHandle(caseId).terminate('test finished');
  });

  it('keeps retrying while Twilio is down, with each attempt and its error on the row', async () => {
    const citizen = phone();
    twilio.answer = (request) => (request.params.To === citizen ? TwilioMessagesStandIn.error(503, 20503, 'Service Unavailable') : null);
    const caseId = await register(citizen);
    await waitUntil(async () => (await receipt(caseId).catch(() => null))?.attempts === 2, 30_000);
    const row = await receipt(caseId);
    assert.deepEqual([row.status, row.errorCode, row.messageSid], ['sending', '20503', null]);
    const description = await env.client.workflow.getHandle(smsDeliveryWorkflowId(row.id)).describe();
    assert.equal(description.status.name, 'RUNNING', 'still trying');
    await env.client.workflow.getHandle(smsDeliveryWorkflowId(row.id)).terminate('test finished');
    await env.client.workflow.getHandle(caseId).terminate('test finished');
  });
});
