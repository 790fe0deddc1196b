import assert from 'node:assert/strict';
import jwt from 'jsonwebtoken';
import { DEMO_PASSWORD } from '../../prisma/seed/users';
import { testPrisma } from '../support/db';
import { getJson, postJson, startApi, TEST_JWT_SECRET, type RunningApi } from '../support/http';

describe('POST /auth/login', () => {
  let api: RunningApi;

  before(async () => {
    api = await startApi();
  });

  after(async () => {
    await api?.close();
    await testPrisma().loginThrottle.deleteMany({});
  });

  it('returns a short-lived JWT with roles and unit as claims, and /auth/me answers with it', async () => {
    const { status, body } = await postJson(`${api.url}/auth/login`, { username: 'handler', password: DEMO_PASSWORD });
    assert.equal(status, 200);
    assert.equal(body.expiresIn, 900);
    assert.deepEqual(body.user, { id: 'user-handler', username: 'handler', displayName: '张承办（城管局）', roles: ['unitHandler'], unitId: 'chengguan', unitName: '市城市管理局' });
    const claims = jwt.verify(body.accessToken, TEST_JWT_SECRET) as jwt.JwtPayload;
    assert.equal(claims.sub, 'user-handler');
    assert.deepEqual(claims.roles, ['unitHandler']);
    assert.equal(claims.unitId, 'chengguan');
    assert.equal(claims.exp! - claims.iat!, 900);

    const me = await getJson(`${api.url}/auth/me`, { authorization: `Bearer ${body.accessToken}` });
    assert.equal(me.status, 200);
    assert.equal(me.body.username, 'handler');
  });

  it('answers 400 with the fields at fault', async () => {
    const { status, body } = await postJson(`${api.url}/auth/login`, { username: '' });
    assert.equal(status, 400);
    assert.deepEqual(Object.keys(body.error.fields).sort(), ['password', 'username']);
    const malformed = await postJson(`${api.url}/auth/login`, '{not json');
    assert.equal(malformed.status, 400);
  });

  it('answers 401 to a wrong password or an unknown user, alike', async () => {
    const wrong = await postJson(`${api.url}/auth/login`, { username: 'operator', password: 'nope' });
    const unknown = await postJson(`${api.url}/auth/login`, { username: 'nobody', password: 'nope' });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, unknown.body);
  });

  it('throttles repeated failures with 429 and Retry-After, and the owner elsewhere still gets in', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': address });
    for (let attempt = 1; attempt <= 10; attempt++) {
      assert.equal((await postJson(`${api.url}/auth/login`, { username: 'auditor', password: `wrong-${attempt}` }, from('203.0.113.5'))).status, 401);
    }
    const refused = await postJson(`${api.url}/auth/login`, { username: 'auditor', password: DEMO_PASSWORD }, from('203.0.113.5'));
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, 'too_many_attempts');
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.equal((await postJson(`${api.url}/auth/login`, { username: 'auditor', password: DEMO_PASSWORD }, from('203.0.113.6'))).status, 200, 'the owner at another address is not locked out');
  });

  it('rejects requests without a valid token with 401', async () => {
    assert.equal((await getJson(`${api.url}/auth/me`)).status, 401);
    assert.equal((await getJson(`${api.url}/auth/me`, { authorization: 'Bearer not-a-jwt' })).status, 401);
    const forged = jwt.sign({ sub: 'user-admin', username: 'admin', roles: ['admin'], unitId: 'hotline' }, 'another-secret-0123456789-0123456789', { issuer: 'hotline12345', audience: 'hotline12345-api' });
    assert.equal((await getJson(`${api.url}/auth/me`, { authorization: `Bearer ${forged}` })).status, 401);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const { status, body } = await getJson(`${api.url}/api/nothing-here`);
    assert.equal(status, 404);
    assert.equal(body.error.code, 'not_found');
  });

  it('rotates refresh tokens, revokes every session when a used one comes back, and logs out', async () => {
    const login = (await postJson(`${api.url}/auth/login`, { username: 'dispatcher', password: DEMO_PASSWORD })).body;
    assert.ok(login.refreshToken.length >= 40);
    const stored = await testPrisma().refreshToken.findMany({ where: { userId: 'user-dispatcher', revokedAt: null } });
    assert.ok(stored.every((t) => t.tokenHash !== login.refreshToken), 'only a hash is stored');

    const refreshed = await postJson(`${api.url}/auth/refresh`, { refreshToken: login.refreshToken });
    assert.equal(refreshed.status, 200);
    assert.notEqual(refreshed.body.refreshToken, login.refreshToken);
    assert.equal((await getJson(`${api.url}/auth/me`, { authorization: `Bearer ${refreshed.body.accessToken}` })).status, 200);

    const replayed = await postJson(`${api.url}/auth/refresh`, { refreshToken: login.refreshToken });
    assert.equal(replayed.status, 401);
    assert.equal((await postJson(`${api.url}/auth/refresh`, { refreshToken: refreshed.body.refreshToken })).status, 401, 'the replay ended the newer session too');

    const again = (await postJson(`${api.url}/auth/login`, { username: 'dispatcher', password: DEMO_PASSWORD })).body;
    assert.equal((await postJson(`${api.url}/auth/logout`, { refreshToken: again.refreshToken })).status, 204);
    assert.equal((await postJson(`${api.url}/auth/refresh`, { refreshToken: again.refreshToken })).status, 401);
    assert.equal((await postJson(`${api.url}/auth/refresh`, { refreshToken: 'short' })).status, 400);
  });
});
