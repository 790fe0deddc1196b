// What tests of survey calls (回访电话) run on: a time-skipping Temporal server, the API (to
// receive the webhooks the tests post as Twilio would), the Twilio Calls stand-in, and a worker
// whose real twilio client places calls there with webhooks pointing at the API.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createLogger } from '../../config/logger';
import { createWorker } from '../../worker/createWorker';
import { shanghai } from './calendar';
import { testPrisma } from './db';
import { startApi, type RunningApi } from './http';
import { TEST_LINKS } from './links';
import { PetitionHarness } from './petitions';
import { createTimeSkippingEnvAt } from './temporal';
import { testOutboundTelephony, testTelephony } from './twilio';
import { startTwilioCallsApi, type TwilioCallsApi } from './twilioCallsApi';

export interface CallbackCallStack {
  readonly env: TestWorkflowEnvironment;
  /** Registers cases and runs commands; its task queue is the worker's below. */
  readonly h: PetitionHarness;
  readonly api: RunningApi;
  readonly twilio: TwilioCallsApi;
}

/** Mocha hooks (for the whole describe block) starting the stack with the server's clock at a Shanghai wall-clock time. */
export function useCallbackCallStack(local: string): CallbackCallStack {
  const box: { env?: TestWorkflowEnvironment; h?: PetitionHarness; api?: RunningApi; twilio?: TwilioCallsApi; worker?: Worker; running?: Promise<void> } = {};
  before(async () => {
    box.env = await createTimeSkippingEnvAt(new Date(shanghai(local)));
    box.twilio = await startTwilioCallsApi();
    box.api = await startApi({ temporal: box.env.connection, namespace: box.env.namespace ?? 'default', twilio: testTelephony(box.twilio.url) });
    box.h = new PetitionHarness(box.env);
    box.worker = await createWorker({
      connection: box.env.nativeConnection,
      namespace: box.env.namespace ?? 'default',
      taskQueue: box.h.taskQueue,
      deps: { prisma: testPrisma(), log: createLogger('test', 'silent'), telephony: testOutboundTelephony(box.api.url, box.twilio.url), links: TEST_LINKS },
    });
    box.running = box.worker.run();
  });
  after(async () => {
    box.worker?.shutdown();
    await box.running;
    await box.api?.close();
    await box.twilio?.close();
    await box.env?.teardown();
  });
  const started = <K extends keyof CallbackCallStack>(key: K): CallbackCallStack[K] => {
    const value = box[key];
    if (value === undefined) throw new Error('the callback call stack is not running: use it inside its describe block');
    return value as CallbackCallStack[K];
  };
  return {
    get env() {
      return started('env');
    },
    get h() {
      return started('h');
    },
    get api() {
      return started('api');
    },
    get twilio() {
      return started('twilio');
    },
  };
}
