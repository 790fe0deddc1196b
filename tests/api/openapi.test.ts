// The OpenAPI description against the routes the app really serves, both ways, and against
// the schemas the routes validate with.
import assert from 'node:assert/strict';
import { listRoutes, type Mount } from '../../api/http/routeTable';
import { allOperations } from '../../api/openapi/document';
import { COMMAND_NAMES } from '../../rules/lifecycle/commands';
import { getJson, startApi, type RunningApi } from '../support/http';

describe('OpenAPI description', () => {
  let api: RunningApi;
  before(async () => {
    api = await startApi();
  });
  after(async () => api?.close());

  const servedRoutes = () => {
    const routes = listRoutes(api.app.locals.mounts as Mount[]);
    // The one generic command route serves each command; the description lists them one by one.
    return routes.flatMap((r) => (r.path.endsWith('/commands/:command') ? COMMAND_NAMES.map((c) => `${r.method} ${r.path.replace(':command', c)}`) : [`${r.method} ${r.path}`]));
  };

  it('describes every route the app serves, and no route it does not', () => {
    const served = servedRoutes().sort();
    const described = allOperations().map((op) => `${op.method} ${op.path}`).sort();
    assert.ok(served.length > 40, `the route table was read (${served.length} routes)`);
    assert.deepEqual(described.filter((d) => !served.includes(d)), [], 'described but not served');
    assert.deepEqual(served.filter((s) => !described.includes(s)), [], 'served but not described');
    assert.equal(new Set(described).size, described.length, 'each operation once');
  });

  it('is served as OpenAPI 3.1 with the request schemas the routes validate with', async () => {
    const response = await getJson(`${api.url}/api/openapi.json`);
    assert.equal(response.status, 200);
    const doc = response.body;
    assert.equal(doc.openapi, '3.1.0');
    const dispatch = doc.paths['/api/cases/{id}/commands/dispatch'].post;
    const body = dispatch.requestBody.content['application/json'].schema;
    assert.deepEqual(body.required, ['leadUnitId']);
    assert.equal(body.properties.assistUnitIds.maxItems, 10);
    assert.deepEqual(Object.keys(dispatch.responses).sort(), ['200', '202', '400', '401', '403', '404', '409', '413', '503']);
    assert.deepEqual(dispatch.security, [{ bearer: [] }]);
    const list = doc.paths['/api/cases'].get;
    assert.ok(list.responses['200'].headers['Content-Range']);
    assert.ok(list.parameters.some((p: { name: string; in: string }) => p.name === 'filter' && p.in === 'query'));
    const caseRead = doc.paths['/api/cases/{id}'].get.responses['200'].content['application/json'].schema;
    assert.deepEqual([caseRead.type, caseRead.required, caseRead.properties.allowedCommands.type], ['object', ['suspendedAt', 'suspendedUntil', 'suspendedWorkingDays', 'allowedCommands'], 'array']);
    assert.match(caseRead.properties.suspendedWorkingDays.description, /moved that many working days later/);
    const suspend = doc.paths['/api/cases/{id}/commands/suspend'].post.requestBody.content['application/json'].schema;
    assert.deepEqual([suspend.required, suspend.properties.reasonKind.enum], [['reasonKind', 'reason', 'workingDays'], ['citizenMaterials', 'litigation', 'forceMajeure', 'other']]);
    assert.deepEqual(caseRead.properties.allowedCommands.items.enum, COMMAND_NAMES, 'any command, by its name');
    const intake = doc.paths['/api/cases'].post.requestBody.content['application/json'].schema;
    assert.ok(intake.properties.channel.enum.includes('open311'));
    assert.match(doc.paths['/api/cases'].post.description, /operator, dispatcher/);
    const open311 = doc.paths['/open311/v2/requests.{format}'].post;
    assert.deepEqual(Object.keys(open311.requestBody.content), ['application/x-www-form-urlencoded', 'application/json']);
    assert.deepEqual(open311.responses['403'].content['text/xml'].schema, { $ref: '#/components/schemas/Open311Errors' });
    // Intake at every door: the Idempotency-Key header, 202 (registered, not listed yet), 422 (key reused), 503 (not started).
    for (const door of [doc.paths['/api/cases'].post, doc.paths['/public/cases'].post, open311]) {
      assert.ok(door.parameters.some((p: { name: string; in: string }) => p.name === 'Idempotency-Key' && p.in === 'header'));
      assert.ok(['201', '202', '422', '503'].every((status) => status in door.responses), Object.keys(door.responses).join());
    }
    const smsDraft = doc.paths['/api/telephony/sms-drafts/{id}/register'].post;
    assert.ok(['201', '202', '409', '503'].every((status) => status in smsDraft.responses));
    assert.ok(dispatch.parameters.some((p: { name: string; in: string }) => p.name === 'Idempotency-Key' && p.in === 'header'));
    for (const [path, methods] of Object.entries<Record<string, { responses: Record<string, unknown> }>>(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        for (const [status, r] of Object.entries(op.responses)) {
          if (Number(status) >= 400 && !path.startsWith('/open311/')) assert.deepEqual((r as { content: unknown }).content, { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }, `${method} ${path} ${status}`);
        }
      }
    }
  });
});
