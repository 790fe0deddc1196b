// The route patterns request metrics are labelled with (api/http/routeTable.ts routePatterns):
// one for every route the app serves, nested routers' included, found by the route object a
// matched request carries.
import assert from 'node:assert/strict';
import { listRoutes, routePatterns, type Mount } from '../../api/http/routeTable';
import { startApi, type RunningApi } from '../support/http';

describe('route patterns of the request metrics', () => {
  let api: RunningApi;
  before(async () => {
    api = await startApi();
  });
  after(() => api?.close());

  it('names every route by its full pattern, mount prefix and nested routers included', () => {
    const mounts = api.app.locals.mounts as Mount[];
    const patterns = new Set(routePatterns(mounts).values());
    assert.deepEqual([...patterns].sort(), [...new Set(listRoutes(mounts).map((route) => route.path))].sort());
    // Routers nested in /public's (the web form, the lookup, the links at /links) and Open311's formats.
    for (const expected of ['/api/cases', '/api/cases/:id', '/api/cases/:id/commands/:command', '/public/cases', '/public/cases/:caseId', '/public/links/:token/survey', '/open311/v2/requests.:format']) {
      assert.ok(patterns.has(expected), expected);
    }
    assert.ok([...patterns].every((pattern) => pattern.startsWith('/')), 'every pattern is a full path');
  });
});
