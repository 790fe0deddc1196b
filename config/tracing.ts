// Traces (OpenTelemetry) of the API and the worker, sent over OTLP/HTTP to the collector that
// OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT names. Without an endpoint nothing is set up: no tracer
// provider, no interceptors, and @opentelemetry/api's no-op tracer wherever code asks for one.
import { diag, DiagLogLevel, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import packageJson from '../package.json';
import type { Env } from './env';
import type { Logger } from './logger';

export interface Tracing {
  tracer: Tracer;
  /** The batches spans leave in; the worker hands its workflows' spans to it too (their sink). */
  spanProcessor: SpanProcessor;
  resource: Resource;
  /** Sends what is still batched, then stops; bounded, so a collector that is down cannot hold up a shutdown. */
  shutdown(): Promise<void>;
}

/** How long a stopping process waits for its last spans to be sent (the worker must end within 20 s). */
const SHUTDOWN_WAIT_MS = 5_000;

/**
 * The process's tracer provider, registered as the global one (with Node's AsyncLocalStorage
 * context manager and the W3C trace-context propagator, NodeTracerProvider's defaults), or null
 * when no endpoint is configured. The batch delay and size are OpenTelemetry's own variables
 * (OTEL_BSP_SCHEDULE_DELAY, …), and so are the exporter's headers (OTEL_EXPORTER_OTLP_HEADERS).
 */
export function startTracing(env: Pick<Env, 'otlpTracesUrl' | 'OTEL_SERVICE_NAME'>, defaultServiceName: string, log: Logger): Tracing | null {
  if (!env.otlpTracesUrl) return null;
  const resource = Resource.default().merge(new Resource({ [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME ?? defaultServiceName, [ATTR_SERVICE_VERSION]: packageJson.version }));
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter({ url: env.otlpTracesUrl }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  // A collector that refuses or cannot be reached shows in the log, not silently.
  const otelLog = log.child({ component: 'opentelemetry' });
  diag.setLogger({ error: (message, ...args) => otelLog.error({ args }, message), warn: (message, ...args) => otelLog.warn({ args }, message), info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.WARN);
  log.info({ url: env.otlpTracesUrl, serviceName: resource.attributes[ATTR_SERVICE_NAME] }, 'traces exported over OTLP');
  return {
    tracer: provider.getTracer('hotline', packageJson.version),
    spanProcessor,
    resource,
    shutdown: async () => {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timed out'>((resolve) => (timer = setTimeout(() => resolve('timed out'), SHUTDOWN_WAIT_MS)));
      const outcome = await Promise.race([provider.shutdown().then(() => 'sent' as const, (error: Error) => error.message), timedOut]);
      clearTimeout(timer);
      if (outcome !== 'sent') otelLog.warn({ outcome }, 'the last spans may not have been sent');
    },
  };
}
