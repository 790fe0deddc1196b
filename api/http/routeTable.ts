// The routes the app really serves, read from the routers themselves: what the OpenAPI
// description is checked against.
import type { Router } from 'express';

export interface Mount {
  prefix: string;
  router: Router;
}

export interface RouteEntry {
  method: string;
  /** Express path syntax, e.g. /api/cases/:id */
  path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  /** The path a layer was mounted at (router 2.x keeps it). */
  rawPath?: unknown;
}

/** Calls `visit` with every route of the stack and its full path (a route with several paths once per path). */
function collect(prefix: string, stack: Layer[], visit: (route: object, path: string, methods: string[]) => void): void {
  for (const layer of stack) {
    if (!layer.route && Array.isArray(layer.handle?.stack)) {
      // A router inside a router: its routes live under the path it was mounted at.
      if (typeof layer.rawPath !== 'string') throw new Error(`a router nested under ${prefix} without a readable path`);
      collect(`${prefix}${layer.rawPath === '/' ? '' : layer.rawPath}`, layer.handle.stack, visit);
      continue;
    }
    if (!layer.route) continue;
    const methods = Object.keys(layer.route.methods).filter((m) => m !== '_all').map((m) => m.toUpperCase());
    for (const path of [layer.route.path].flat()) visit(layer.route, path === '/' ? prefix : `${prefix}${path}`, methods);
  }
}

export function listRoutes(mounts: Mount[]): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const { prefix, router } of mounts) collect(prefix, router.stack as Layer[], (_route, path, methods) => routes.push(...methods.map((method) => ({ method, path }))));
  return routes;
}

/**
 * Each route object (what Express leaves in req.route) with its full pattern, e.g.
 * /api/cases/:id/commands/:command: req.route.path alone lacks the prefixes it is mounted under.
 */
export function routePatterns(mounts: readonly Mount[]): Map<object, string> {
  const patterns = new Map<object, string>();
  for (const { prefix, router } of mounts) collect(prefix, router.stack as Layer[], (route, path) => patterns.set(route, patterns.has(route) ? `${patterns.get(route)}|${path}` : path));
  return patterns;
}

/** The full pattern of the route a request matched (req.route), or undefined; read from `mounts` at the first call, once the app has mounted every router. */
export type RoutePatternOf = (route: unknown) => string | undefined;

export function routePatternOf(mounts: readonly Mount[]): RoutePatternOf {
  let patterns: Map<object, string> | undefined;
  return (route) => {
    if (!route || typeof route !== 'object') return undefined;
    patterns ??= routePatterns(mounts);
    return patterns.get(route);
  };
}
