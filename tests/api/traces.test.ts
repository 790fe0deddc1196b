// Traces (config/tracing.ts): with an OTLP endpoint, one intake is one trace from the HTTP
// request through the workflow start into the workflow and its activities, across the API and
// worker processes; without one, nothing is set up.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { trace, type Tracer } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { temporalClient } from '../../api/temporalClient';
import { loadEnv } from '../../config/env';
import { createLogger } from '../../config/logger';
import { startTracing } from '../../config/tracing';
import { DEMO_PASSWORD } from '../../prisma/seed/users';
import { tracedWorkflowBundle, workflowBundle } from '../../worker/createWorker';
import { startApiProcess, type ApiProcess } from '../support/apiProcess';
import { postJson, startApi } from '../support/http';
import { startOtlpReceiver, spanTree, type OtlpReceiver, type ReceivedSpan } from '../support/otlpReceiver';
import { createDevServerEnv, installQuietRuntime, testDataConverter } from '../support/temporal';
import { startWorkerProcess, type WorkerProcess } from '../support/workerProcess';
import { waitFor } from '../../scripts/lib/ports';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
/** A caller's W3C trace context, so the test knows the trace id before the API does. */
const callerContext = () => {
  const traceId = hex(16);
  const parentSpanId = hex(8);
  return { traceId, parentSpanId, traceparent: `00-${traceId}-${parentSpanId}-01` };
};

describe('traces over OTLP', () => {
  let receiver: OtlpReceiver;
  let temporal: TestWorkflowEnvironment;
  let worker: WorkerProcess | undefined;
  let api: ApiProcess | undefined;
  const taskQueue = `traces-${hex(4)}`;

  before(async () => {
    receiver = await startOtlpReceiver();
    temporal = await createDevServerEnv();
    // Built here, once, rather than by webpack in the worker's start.
    await tracedWorkflowBundle();
    const settings = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100', TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: taskQueue };
    worker = await startWorkerProcess(temporal.connection, taskQueue, settings);
    api = await startApiProcess(settings);
  });

  after(async () => {
    await api?.stop();
    await worker?.stop();
    await temporal?.teardown();
    await receiver?.close();
  });

  const login = async (username: string) => {
    const response = await postJson(`${api!.url}/auth/login`, { username, password: DEMO_PASSWORD });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return { authorization: `Bearer ${response.body.accessToken as string}` };
  };
  const spansOf = (traceId: string) => receiver.spans.filter((span) => span.traceId === traceId);
  const named = (spans: readonly ReceivedSpan[], name: string | RegExp) => spans.filter((span) => (typeof name === 'string' ? span.name === name : name.test(span.name)));
  /** Waits until the trace holds a span of each name, and returns the trace. */
  const traceWith = (traceId: string, names: (string | RegExp)[]) =>
    waitFor(`spans ${names.join(', ')}`, async () => {
      const spans = spansOf(traceId);
      const missing = names.filter((name) => named(spans, name).length === 0);
      if (missing.length > 0) throw new Error(`missing ${missing.join(', ')} in:\n${spanTree(spans)}\n(content types: ${[...new Set(receiver.contentTypes)].join(', ') || 'none received'})`);
      return spans;
    }, 60_000, 200);
  const only = (spans: readonly ReceivedSpan[], name: string) => {
    const found = named(spans, name);
    assert.equal(found.length, 1, `one ${name} in:\n${spanTree(spans)}`);
    return found[0]!;
  };

  it('follows one intake from the HTTP request into the workflow and its activities, and an Update into its handler', async () => {
    const operator = await login('operator');
    const intake = callerContext();
    const registered = await postJson(
      `${api!.url}/api/cases`,
      { channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: '夜市占道', content: '解放路夜市占道经营。', citizenName: '王小明', citizenPhone: '+8613955556666', address: '东湖区解放路1号' },
      { ...operator, traceparent: intake.traceparent },
    );
    assert.ok([201, 202].includes(registered.status), JSON.stringify(registered.body));
    const caseId = registered.body.caseId as string;

    let spans = await traceWith(intake.traceId, ['POST /api/cases', 'StartWorkflow:petitionWorkflow', /^StartActivity:/, /^RunActivity:/]);
    const http = only(spans, 'POST /api/cases');
    assert.equal(http.service, 'hotline-api');
    assert.equal(http.kind, 2, 'a server span');
    assert.equal(http.parentSpanId, intake.parentSpanId, "the caller's traceparent is honoured");
    assert.deepEqual([http.attributes['http.request.method'], http.attributes['http.route'], http.attributes['http.response.status_code']], ['POST', '/api/cases', registered.status]);
    const start = only(spans, 'StartWorkflow:petitionWorkflow');
    assert.equal(start.parentSpanId, http.spanId, 'the workflow start runs inside the request');
    assert.equal(start.attributes.temporalWorkflowId, caseId);

    // A case's workflow runs for days: its span leaves when the run ends. Cancelling the case
    // here ends the run, so that the workflow's span is sent too.
    const dispatch = callerContext();
    const dispatched = await postJson(`${api!.url}/api/cases/${caseId}/commands/dispatch`, { leadUnitId: 'donghu' }, { ...(await login('dispatcher')), traceparent: dispatch.traceparent });
    assert.equal(dispatched.status, 200, JSON.stringify(dispatched.body));
    const updateSpans = await traceWith(dispatch.traceId, ['POST /api/cases/:id/commands/:command', 'StartWorkflowUpdate:dispatch', 'HandleUpdate:dispatch']);
    const command = only(updateSpans, 'POST /api/cases/:id/commands/:command');
    assert.equal(only(updateSpans, 'StartWorkflowUpdate:dispatch').parentSpanId, command.spanId);
    const handled = only(updateSpans, 'HandleUpdate:dispatch');
    assert.equal(handled.service, 'hotline-worker');
    assert.ok(updateSpans.some((span) => span.spanId === handled.parentSpanId), `the handler continues the Update's trace:\n${spanTree(updateSpans)}`);
    assert.ok(!updateSpans.some((span) => span.name.includes(caseId)), 'no case number in a span name');

    await temporal.client.workflow.getHandle(caseId).cancel();
    spans = await traceWith(intake.traceId, ['RunWorkflow:petitionWorkflow']);
    const run = only(spans, 'RunWorkflow:petitionWorkflow');
    assert.equal(run.service, 'hotline-worker');
    assert.equal(run.parentSpanId, start.spanId, 'the workflow continues the client span');
    const activities = named(spans, /^RunActivity:/);
    for (const activity of activities) {
      const scheduled = spans.find((span) => span.spanId === activity.parentSpanId);
      assert.match(scheduled?.name ?? '', /^StartActivity:/, `${activity.name} under the workflow's StartActivity`);
      assert.equal(scheduled!.parentSpanId, run.spanId, `${scheduled!.name} under the workflow`);
    }
    const ids = new Set(spans.map((span) => span.spanId));
    for (const span of spans) assert.ok(span === http || ids.has(span.parentSpanId!), `${span.name}'s parent is in the trace:\n${spanTree(spans)}`);
    if (process.env.SHOW_TRACE) console.log(`${spanTree(spans)}\n\n${spanTree(updateSpans)}`);

    // The trace context travels in the workflow's headers, which the payload codec leaves as
    // they are: ids only, beside the input it encrypted.
    const history = await temporal.client.workflow.getHandle(caseId).fetchHistory();
    const started = history.events![0]!.workflowExecutionStartedEventAttributes!;
    const header = started.header!.fields!['_tracer-data']!;
    assert.match(Buffer.from(header.data!).toString('utf8'), new RegExp(`"traceparent":"00-${intake.traceId}-${start.spanId}-01"`));
    assert.equal(Buffer.from(started.input!.payloads![0]!.metadata!.encoding!).toString(), 'binary/encrypted');

    // Switching traces off for this case: its history, written with the interceptors, replays without them.
    installQuietRuntime();
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), dataConverter: testDataConverter() }, history, caseId);
  });

  it('sends the spans still batched when the API stops', async () => {
    const idle = await startApiProcess({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '600000' });
    const caller = callerContext();
    try {
      await fetch(`${idle.url}/healthz`, { headers: { traceparent: caller.traceparent } });
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepEqual(spansOf(caller.traceId), [], 'batched for ten minutes');
    } finally {
      await idle.stop();
    }
    assert.deepEqual(spansOf(caller.traceId).map((span) => span.name), ['GET /healthz']);
  });
});

describe('without an OTLP endpoint', () => {
  it('sets up no tracer provider, no request spans and no Temporal interceptors', async () => {
    assert.equal(startTracing(loadEnv({ NODE_ENV: 'test' }), 'hotline-api', createLogger('test', 'silent')), null);
    assert.equal(trace.getTracer('probe').startSpan('probe').isRecording(), false, 'the global tracer is the no-op one');

    const deps = { temporal: Connection.lazy({ address: '127.0.0.1:1' }), namespace: 'default', dataConverter: testDataConverter() };
    const workflowInterceptors = (client: ReturnType<typeof temporalClient>) => [client.options.interceptors.workflow ?? []].flat();
    assert.deepEqual(workflowInterceptors(temporalClient(deps)), []);
    const tracer = new BasicTracerProvider().getTracer('probe');
    assert.equal(workflowInterceptors(temporalClient({ ...deps, tracer })).length, 1, 'the probe sees an interceptor when there is one');

    const requestSpans = async (overrides: { tracer?: Tracer }) => {
      const api = await startApi(overrides);
      await api.close();
      return (api.app.router.stack as { name: string }[]).filter((layer) => layer.name === 'recordServerSpan').length;
    };
    assert.equal(await requestSpans({}), 0);
    assert.equal(await requestSpans({ tracer }), 1, 'the probe sees the middleware when it is there');

    assert.ok(!(await workflowBundle()).code.includes('OpenTelemetryInboundInterceptor'), 'the plain bundle has no workflow interceptors');
    assert.ok((await tracedWorkflowBundle()).code.includes('OpenTelemetryInboundInterceptor'), 'the traced one has them');
  });
});
