// A server span per HTTP request, named after the route that answered (`POST /api/cases`,
// never a case number), child of the caller's trace when it sends a W3C traceparent. Written
// here rather than taken from @opentelemetry/instrumentation-http (+ -express): those patch
// Node's http module and Express at require time, which the API would have to load before
// anything else; this needs no patching and knows the full route from the app's own route table.
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';
import type { RequestHandler } from 'express';
import type { RoutePatternOf } from './routeTable';

export function serverSpans(tracer: Tracer, patternOf: RoutePatternOf): RequestHandler {
  return function recordServerSpan(req, res, next) {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan(req.method, { kind: SpanKind.SERVER, attributes: { [ATTR_HTTP_REQUEST_METHOD]: req.method } }, parent);
    const active = trace.setSpan(parent, span);
    // Body parsers call next() from the request's stream events, which run outside this
    // context: bound emitters run their listeners inside it.
    context.bind(active, req);
    context.bind(active, res);
    res.once('close', () => {
      const route = patternOf(req.route);
      if (route) {
        span.updateName(`${req.method} ${route}`);
        span.setAttribute(ATTR_HTTP_ROUTE, route);
      }
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
      // A 4xx is the caller's mistake, not a failure of the server (OpenTelemetry's HTTP conventions).
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(active, next);
  };
}
