// Times every request and labels it with the route pattern it matched (/api/cases/:id, never the
// raw path, so the number of series stays bounded), found through the route object Express
// leaves on req.route.
import type { Request, RequestHandler } from 'express';
import { METHODS } from 'node:http';
import type { RoutePatternOf } from '../http/routeTable';
import { UNMATCHED_ROUTE, type ApiMetrics } from './apiMetrics';

const KNOWN_METHODS = new Set(METHODS);

function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

export function requestDurations(metrics: ApiMetrics, patternOf: RoutePatternOf): RequestHandler {
  // A route of the app itself (the console's pages) is not in a mounted router: unmatched too.
  const routeOf = (req: Request): string => patternOf(req.route) ?? UNMATCHED_ROUTE;
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    let observed = false;
    const observe = () => {
      if (observed) return;
      observed = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeRequest({ method: KNOWN_METHODS.has(req.method) ? req.method : 'other', route: routeOf(req), statusClass: res.writableFinished ? statusClass(res.statusCode) : 'aborted' }, seconds);
    };
    res.once('finish', observe);
    res.once('close', observe);
    next();
  };
}
