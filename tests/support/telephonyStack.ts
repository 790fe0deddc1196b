// The whole product behind a phone line, for tests that go through the local Twilio-compatible
// endpoint: a Temporal dev server, a worker whose SMS and calls go to that endpoint, the API
// (webhooks, Media Streams) it calls back, all with the real `twilio` client.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startLocalTwilio, type LocalTwilio } from '../../telephony/localTwilio';
import { startApi, type RunningApi } from './http';
import { PetitionHarness } from './petitions';
import { shanghai } from './calendar';
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
  let env: TestWorkflowEnvironment | undefined;
  let h: PetitionHarness | undefined;
  let api: RunningApi | undefined;
  let twilio: LocalTwilio | undefined;

  before(async () => {
    env = options.timeSkippingFrom ? await createTimeSkippingEnvAt(new Date(shanghai(options.timeSkippingFrom))) : await createDevServerEnv();
    // Says and pauses take no time; a <Record> and a Media Stream take as long as the audio.
    twilio = await startLocalTwilio({ port: 0, accountSid: TEST_TWILIO_ACCOUNT_SID, authToken: TEST_TWILIO_AUTH_TOKEN, timing: { pauseScale: 0.01, messageStepMs: 20 } });
    h = new PetitionHarness(env);
    api = await startApi({ temporal: env.connection, namespace: env.namespace ?? 'default', taskQueue: h.taskQueue, twilio: testTelephony(twilio.url) });
    twilio.configureNumber(TEST_HOTLINE_NUMBER, {
      voiceUrl: `${api.url}/telephony/voice/incoming`,
      voiceStatusCallback: `${api.url}/telephony/voice/status`,
      smsUrl: `${api.url}/telephony/sms/incoming`,
    });
    await h.startWorker({ telephony: testOutboundTelephony(api.url, twilio.url) });
  });

  after(async () => {
    await twilio?.close();
    await api?.close();
    await h?.stopWorker();
    await env?.teardown();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the telephony stack is not running: use it inside the describe block that called useTelephonyStack');
    return value;
  };
  return {
    get env() {
      return started(env);
    },
    get h() {
      return started(h);
    },
    get api() {
      return started(api);
    },
    get twilio() {
      return started(twilio);
    },
  };
}
