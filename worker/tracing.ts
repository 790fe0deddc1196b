// Traces in the worker (on only with an OTLP endpoint, config/tracing.ts), with the SDK's own
// OpenTelemetry interceptors: the workflow's (in the bundle) continue the trace context a
// client put in the workflow's headers with RunWorkflow and StartActivity spans and hand them to
// the worker through a sink; the activity's continue it with RunActivity spans.
//
// The workflow interceptors are compiled into a bundle of their own, used only while traces are
// on, so that a worker without them runs exactly the workflow code it ran before. Both ways of
// switching replay (tests/workflows/replay.test.ts): the SDK flags the spans' extra awaits, so
// histories written without traces replay with them, and the ones written with traces replay
// without (tests/api/traces.test.ts).
import { makeWorkflowExporter, OpenTelemetryActivityInboundInterceptor, OpenTelemetryActivityOutboundInterceptor } from '@temporalio/interceptors-opentelemetry';
import type { WorkerOptions } from '@temporalio/worker';
import type { Tracing } from '../config/tracing';

/** The activity interceptors and the sink the traced bundle's workflows export their spans through. */
export function tracingWorkerOptions(tracing: Pick<Tracing, 'tracer' | 'spanProcessor' | 'resource'>): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  return {
    interceptors: {
      activity: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx, { tracer: tracing.tracer }), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) })],
    },
    sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}
