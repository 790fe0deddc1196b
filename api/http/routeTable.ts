// The routes the app really serves, read from the routers themselves: what the OpenAPI
// description is checked against.
import type { Router } from 'express';

export interface Mount {
  prefix: string;
  router: Router;
}

/** An Express route (what a request that matched it carries as req.route). */
interface Route {
  path: string | string[];
  methods: Record<string, boolean>;
}

export interface RouteEntry {
  method: string;
  /** Express path syntax, e.g. /api/cases/:id */
  path: string;
}

interface Layer {
  route?: Route;
  handle?: { stack?: Layer[] };
  /** The path a layer was mounted at (router 2.x keeps it). */
  rawPath?: unknown;
}

function collect(prefix: string, stack: Layer[], routes: RouteEntry[], patterns?: Map<Route, string>): void {
  for (const layer of stack) {
    if (!layer.route && Array.isArray(layer.handle?.stack)) {
      // A router inside a router: its routes live under the path it was mounted at.
      if (typeof layer.rawPath !== 'string') throw new Error(`a router nested under ${prefix} without a readable path`);
      collect(`${prefix}${layer.rawPath === '/' ? '' : layer.rawPath}`, layer.handle.stack, routes, patterns);
      continue;
    }
    if (!layer.route) continue;
    const paths = [layer.route.path].flat().map((path) => (path === '/' ? prefix : `${prefix}${path}`));
    if (patterns && !patterns.has(layer.route)) patterns.set(layer.route, paths.join('|'));
    for (const path of [layer.route.path].flat()) {
      for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) {
        routes.push({ method: method.toUpperCase(), path: path === '/' ? prefix : `${prefix}${path}` });
      }
    }
  }
}

export function listRoutes(mounts: Mount[]): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const { prefix, router } of mounts) collect(prefix, router.stack as Layer[], routes);
  return routes;
}

/**
 * Each route's full path pattern (mount prefix included, e.g. /api/cases/:id/dispatch), keyed by
 * the route object a request that matched it carries as req.route: what request metrics label
 * a request with, never its raw path.
 */
export function routePatterns(mounts: Mount[]): Map<object, string> {
  const patterns = new Map<Route, string>();
  for (const { prefix, router } of mounts) collect(prefix, router.stack as Layer[], [], patterns);
  return patterns;
}
