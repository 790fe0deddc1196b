// Outbound SMS delivery through Temporal and the real twilio client, against the local
// Twilio-compatible endpoint (dev/localTwilio): sent at once by the step that queued it, retried
// by a delivery workflow only when Twilio did not take it. The endpoint answers Messages.create as Twilio does
// and posts the message's status callbacks, signed. Twilio's failures come from its fault
// injection (a 500, an outage answering 503) and its own refusal of a number that is not E.164.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { smsDeliveryWorkflowId } from '../../activities/smsDelivery';
import { createLogger } from '../../config/logger';
import { startLocalTwilio, type LocalTwilio, type RestExchange } from '../../dev/localTwilio';
import { createWorker } from '../../worker/createWorker';
import type { SmsDeliveryOutcome } from '../../workflows/sms/types';
import { testPrisma } from '../support/db';
import { actors } from '../support/lifecycle';
import { actorToken, ensureActorUsers } from '../support/sessions';
import { postJson, startApi, type RunningApi } from '../support/http';
import { TEST_LINKS } from '../support/links';
import { waitUntil } from '../support/petitions';
import { createDevServerEnv, testDataConverter } from '../support/temporal';
import { TEST_HOTLINE_NUMBER, TEST_TWILIO_ACCOUNT_SID, TEST_TWILIO_AUTH_TOKEN, testOutboundTelephony, testTelephony } from '../support/twilio';

describe('outbound SMS delivery (Temporal + twilio client against the local Twilio endpoint)', () => {
  let twilio: LocalTwilio;
  const taskQueue = `sms-delivery-${randomUUID()}`;
  let env: TestWorkflowEnvironment;
  let api: RunningApi;
  let worker: Worker;
  let running: Promise<void>;

  before(async () => {
    // A second between a message's steps: the row is read while Twilio still says queued.
    twilio = await startLocalTwilio({ port: 0, accountSid: TEST_TWILIO_ACCOUNT_SID, authToken: TEST_TWILIO_AUTH_TOKEN, numbers: [TEST_HOTLINE_NUMBER], timing: { messageStepMs: 1000 }, log: createLogger('local-twilio', 'silent') });
    env = await createDevServerEnv();
    api = await startApi({ temporal: env.connection, taskQueue, twilio: testTelephony(twilio.url) });
    worker = await createWorker({
      connection: env.nativeConnection, namespace: 'default', taskQueue, dataConverter: testDataConverter(),
      deps: { prisma: testPrisma(), log: createLogger('test', 'silent'), telephony: testOutboundTelephony(api.url, twilio.url), links: TEST_LINKS },
    });
    running = worker.run();
  });

  after(async () => {
    worker?.shutdown();
    await running;
    await api?.close();
    await env?.teardown();
    await twilio?.close();
  });

  before(() => ensureActorUsers([actors.operator]));
  afterEach(() => twilio.clearFaults());
  /** The Messages.create requests for `to`, with Twilio's answers, oldest first. */
  const sentTo = (to: string): RestExchange[] => twilio.restRequests().filter((r) => r.method === 'POST' && r.path.endsWith('/Messages.json') && r.body.To === to);

  // Signed when used: a token signed as the file loads can expire before a long suite gets here.
  const operator = () => ({ authorization: `Bearer ${actorToken(actors.operator, 300)}` });
  const phone = () => `+86139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

  /** Registers a case over the API; the workflow queues the receipt SMS (and so its delivery). */
  const register = async (citizenPhone: string): Promise<string> => {
    const response = await postJson(`${api.url}/api/cases`, { channel: 'phone', caseTypeCode: 'consultation', title: '咨询社保转移', content: '外地社保如何转入本市？', citizenPhone }, operator());
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
    twilio.failRequests({ operation: 'createMessage', to: citizen, status: 500, count: 1 });
    const caseId = await register(citizen);
    const outcome = await delivery(caseId);
    assert.equal(outcome.outcome, 'accepted');
    const row = await receipt(caseId);
    assert.deepEqual([row.attempts, row.status, row.errorCode, row.messageSid], [2, 'queued', null, outcome.outcome === 'accepted' ? outcome.messageSid : null]);
    assert.ok(row.lastAttemptAt);

    const sent = sentTo(citizen);
    assert.deepEqual(sent.map((r) => r.status), [500, 201], 'one failed attempt, one accepted');
    for (const request of sent) {
      assert.equal(request.path, `/2010-04-01/Accounts/${TEST_TWILIO_ACCOUNT_SID}/Messages.json`);
      assert.equal(request.body.From, TEST_HOTLINE_NUMBER);
      assert.match(String(request.body.Body), new RegExp(`^【12345热线】您的诉求已受理，受理号${caseId}，查询密码\\d{6}。`));
      assert.equal(request.body.StatusCallback, `${api.url}/telephony/sms/status?messageId=${encodeURIComponent(`notice:${caseId}:receipt`)}`);
    }
    assert.equal((sent[1]!.response as { sid: string }).sid, row.messageSid);

    // Twilio's status callbacks, signed, as the handset gets the message.
    await waitUntil(async () => twilio.messages({ to: citizen })[0]?.callbacks.length === 3);
    const [message] = twilio.messages({ to: citizen });
    assert.equal(message!.sid, row.messageSid);
    assert.deepEqual(message!.callbacks.map((c) => [c.params.MessageStatus, c.status]), [['queued', 200], ['sent', 200], ['delivered', 200]]);
    const delivered = await receipt(caseId);
    assert.ok(delivered.sentAt && delivered.deliveredAt);

    // Delivering the same row again sends nothing: Twilio already has it.
    const again = await env.client.workflow.execute('smsDeliveryWorkflow', { args: [{ messageId: row.id }], taskQueue, workflowId: `sms-again-${randomUUID()}` });
    assert.deepEqual(again, { messageId: row.id, outcome: 'accepted', messageSid: row.messageSid });
    assert.equal(sentTo(citizen).length, 2);
    await env.client.workflow.getHandle(caseId).terminate('test finished');
  });

  /** Whether a delivery workflow was ever started for the row. */
  const hasDeliveryWorkflow = (messageId: string) =>
    env.client.workflow.getHandle(smsDeliveryWorkflowId(messageId)).describe().then(
      () => true,
      (error: unknown) => {
        if (error instanceof WorkflowNotFoundError) return false;
        throw error;
      },
    );

  it('sends a message Twilio takes at once from the step that queued it, without a delivery workflow', async () => {
    const citizen = phone();
    const caseId = await register(citizen);
    await waitUntil(async () => Boolean((await receipt(caseId).catch(() => null))?.messageSid));
    const row = await receipt(caseId);
    assert.deepEqual([row.attempts, row.errorCode], [1, null]);
    assert.deepEqual(sentTo(citizen).map((r) => r.status), [201]);
    assert.equal(await hasDeliveryWorkflow(row.id), false);
    await env.client.workflow.getHandle(caseId).terminate('test finished');
  });

  it('marks a message Twilio refuses for good (invalid number) failed without retrying', async () => {
    // Past E.164's 15 digits: the API takes it, Twilio refuses it (21211).
    const citizen = `${phone()}000`;
    const caseId = await register(citizen);
    await waitUntil(async () => (await receipt(caseId).catch(() => null))?.status === 'failed');
    const row = await receipt(caseId);
    assert.deepEqual([row.status, row.attempts, row.errorCode, row.messageSid], ['failed', 1, '21211', null]);
    assert.match(row.errorMessage!, /not a valid phone number/);
    assert.deepEqual(sentTo(citizen).map((r) => r.status), [400]);
    assert.deepEqual(twilio.messages({ to: citizen }), []);
    assert.equal(await hasDeliveryWorkflow(row.id), false, 'nothing to retry');
    // The case itself went on regardless.
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } }))?.status === 'registered');
    await env.client.workflow.getHandle(caseId).terminate('test finished');
  });

  it('keeps retrying while Twilio is down, with each attempt and its error on the row', async () => {
    const citizen = phone();
    // An outage: Twilio answers 503 until it is over.
    twilio.failRequests({ operation: 'createMessage', to: citizen, status: 503 });
    const caseId = await register(citizen);
    await waitUntil(async () => (await receipt(caseId).catch(() => null))?.attempts === 2, 30_000);
    const row = await receipt(caseId);
    assert.deepEqual([row.status, row.errorCode, row.messageSid], ['sending', '20503', null]);
    await waitUntil(async () => sentTo(citizen).length === 2);
    assert.deepEqual(sentTo(citizen).map((r) => r.status), [503, 503]);
    const description = await env.client.workflow.getHandle(smsDeliveryWorkflowId(row.id)).describe();
    assert.equal(description.status.name, 'RUNNING', 'still trying');
    assert.deepEqual(twilio.messages({ to: citizen }), []);
    await env.client.workflow.getHandle(smsDeliveryWorkflowId(row.id)).terminate('test finished');
    await env.client.workflow.getHandle(caseId).terminate('test finished');
  });
});
