// CORS: a console served from a configured origin may call the API with its bearer token and
// read Content-Range; any other origin gets no CORS headers, so browsers keep it out.
import assert from 'node:assert/strict';
import { startApi, type RunningApi } from '../support/http';

const CONSOLE = 'https://console.hotline.example.gov.cn';

describe('CORS', () => {
  let api: RunningApi;
  before(async () => {
    api = await startApi({ corsOrigins: [CONSOLE] });
  });
  after(async () => api?.close());

  const preflight = (origin: string) =>
    fetch(`${api.url}/api/cases`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });

  it('lets the configured console origin send its token and read the list headers', async () => {
    const answer = await preflight(CONSOLE);
    assert.equal(answer.status, 204);
    assert.equal(answer.headers.get('access-control-allow-origin'), CONSOLE);
    assert.match(answer.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    const get = await fetch(`${api.url}/api/cases`, { headers: { origin: CONSOLE } });
    assert.equal(get.status, 401, 'CORS is not authentication');
    assert.equal(get.headers.get('access-control-allow-origin'), CONSOLE);
    assert.match(get.headers.get('access-control-expose-headers') ?? '', /Content-Range/);
  });

  it('gives any other origin no CORS headers', async () => {
    const answer = await preflight('https://evil.example.com');
    assert.equal(answer.headers.get('access-control-allow-origin'), null);
    const get = await fetch(`${api.url}/auth/me`, { headers: { origin: 'https://evil.example.com' } });
    assert.equal(get.headers.get('access-control-allow-origin'), null);
  });
});
