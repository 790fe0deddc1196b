// The whole product behind a phone line, for tests that go through the local Twilio-compatible
// endpoint: a Temporal dev server, a worker whose SMS and calls go to that endpoint, the API
// (webhooks, Media Streams) it calls back, all with the real `twilio` client.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startLocalTwilio, type LocalTwilio } from '../../dev/localTwilio';
import { startApi, type RunningApi } from './http';
import { PetitionHarness } from './petitions';
import { shanghai } from './calendar';
import { startedParts, type Parts } from './startedParts';
import { createDevServerEnv, createTimeSkippingEnvAt } from './temporal';
import { TEST_HOTLINE_NUMBER, TEST_TWILIO_ACCOUNT_SID, TEST_TWILIO_AUTH_TOKEN, testOutboundTelephony, testTelephony } from './twilio';

export interface TelephonyStack {
  readonly env: TestWorkflowEnvironment;
  readonly h: PetitionHarness;
  readonly api: RunningApi;
  readonly twilio: LocalTwilio;
}

/**
 * Call at the top of a describe block. `timeSkippingFrom` (Shanghai wall-clock, e.g.
 * '2026-11-23 10:00') runs Temporal's time-skipping test server instead of the dev server, for
 * the hours a callback waits; time only skips while a test sleeps or awaits a workflow result.
 */
export function useTelephonyStack(options: { timeSkippingFrom?: string } = {}): TelephonyStack {
  const parts: Parts<TelephonyStack> = {};

  before(async () => {
    const env = options.timeSkippingFrom ? await createTimeSkippingEnvAt(new Date(shanghai(options.timeSkippingFrom))) : await createDevServerEnv();
    parts.env = env;
    // Says and pauses take no time; a <Record> and a Media Stream take as long as the audio.
    const twilio = await startLocalTwilio({ port: 0, accountSid: TEST_TWILIO_ACCOUNT_SID, authToken: TEST_TWILIO_AUTH_TOKEN, timing: { pauseScale: 0.01, messageStepMs: 20 } });
    parts.twilio = twilio;
    const h = new PetitionHarness(env);
    parts.h = h;
    const api = await startApi({ temporal: env.connection, namespace: env.namespace ?? 'default', taskQueue: h.taskQueue, twilio: testTelephony(twilio.url) });
    parts.api = api;
    twilio.configureNumber(TEST_HOTLINE_NUMBER, {
      voiceUrl: `${api.url}/telephony/voice/incoming`,
      voiceStatusCallback: `${api.url}/telephony/voice/status`,
      smsUrl: `${api.url}/telephony/sms/incoming`,
    });
    await h.startWorker({ telephony: testOutboundTelephony(api.url, twilio.url) });
  });

  after(async () => {
    await parts.twilio?.close();
    await parts.api?.close();
    await parts.h?.stopWorker();
    await parts.env?.teardown();
  });

  return startedParts(parts, ['env', 'h', 'api', 'twilio'], 'telephony stack');
}
