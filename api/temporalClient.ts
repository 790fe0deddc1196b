// The one way the API (and the telephony routes it mounts) makes a Temporal client: on the
// shared connection, with the payload encryption (deps.dataConverter), so that nothing the API
// sends to Temporal is in clear and everything it reads back is decoded.
// With traces on, the OpenTelemetry interceptor wraps starts, Updates and Signals in a client
// span and passes the trace context in their Temporal headers, which the worker continues.
import { Client, type ClientOptions } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import type { AppDeps } from './deps';

/** `workflow`: workflow client options, e.g. a query that a closed workflow rejects at once. */
export function temporalClient(deps: Pick<AppDeps, 'temporal' | 'namespace' | 'dataConverter' | 'tracer'>, workflow?: ClientOptions['workflow']): Client {
  const interceptors = deps.tracer ? { workflow: [new OpenTelemetryWorkflowClientInterceptor({ tracer: deps.tracer })] } : undefined;
  return new Client({ connection: deps.temporal, namespace: deps.namespace, dataConverter: deps.dataConverter, ...(workflow ? { workflow } : {}), ...(interceptors ? { interceptors } : {}) });
}
