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
  handle?: { stack?: unknown };
}

export function listRoutes(mounts: Mount[]): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const { prefix, router } of mounts) {
    for (const layer of router.stack as Layer[]) {
      // A router inside a router would hide its prefix from this table.
      if (!layer.route && Array.isArray(layer.handle?.stack)) throw new Error(`a router nested under ${prefix}: mount it in app.ts instead`);
      if (!layer.route) continue;
      for (const path of [layer.route.path].flat()) {
        for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) {
          routes.push({ method: method.toUpperCase(), path: path === '/' ? prefix : `${prefix}${path}` });
        }
      }
    }
  }
  return routes;
}
