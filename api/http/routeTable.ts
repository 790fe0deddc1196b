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

function collect(prefix: string, stack: Layer[], routes: RouteEntry[]): void {
  for (const layer of stack) {
    if (!layer.route && Array.isArray(layer.handle?.stack)) {
      // A router inside a router: its routes live under the path it was mounted at.
      if (typeof layer.rawPath !== 'string') throw new Error(`a router nested under ${prefix} without a readable path`);
      collect(`${prefix}${layer.rawPath === '/' ? '' : layer.rawPath}`, layer.handle.stack, routes);
      continue;
    }
    if (!layer.route) continue;
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
