// Sessions end when they should (issue 15, item 4): deactivation, a role change or a unit change
// ends a user's access tokens within seconds on every API process, refresh tokens too; the live
// call feed re-checks its reader's session; no access token lives longer than an hour.
import assert from 'node:assert/strict';
import jwt from 'jsonwebtoken';
import { ConfigError, loadEnv } from '../../config/env';
import { testPrisma } from '../support/db';
import { getJson, postJson, startApi, TEST_JWT_SECRET, type RunningApi } from '../support/http';
import { AdminApiClient } from '../support/adminApi';

const PASSWORD = 'Tiger#Lake2026';

describe('sessions: token version, two API processes, live feed, maximum lifetime', () => {
  // Two API instances on one database, each with its own session cache, as two processes would be.
  let a: RunningApi;
  let b: RunningApi;
  let admin: AdminApiClient;

  before(async () => {
    a = await startApi();
    b = await startApi();
    admin = new AdminApiClient(a.url);
    await admin.login('admin');
  });

  after(async () => {
    await a?.close();
    await b?.close();
  });

  /** A fresh account and its login (access and refresh token). */
  const newUser = async (name: string, fields: Record<string, unknown> = {}) => {
    const username = `s${admin.run}-${name}`;
    const created = await admin.post('/api/users', { username, displayName: '会话测试', password: PASSWORD, roles: ['operator'], unitId: 'hotline', ...fields }, 'admin');
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const login = await postJson(`${a.url}/auth/login`, { username, password: PASSWORD });
    assert.equal(login.status, 200);
    return { id: created.body.id as string, username, accessToken: login.body.accessToken as string, refreshToken: login.body.refreshToken as string };
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  /** Milliseconds until `url` answers 401 to the token (fails after `limitMs`). */
  const msUntilRefused = async (url: string, token: string, limitMs: number): Promise<number> => {
    const start = Date.now();
    for (;;) {
      const { status } = await getJson(url, bearer(token));
      if (status === 401) return Date.now() - start;
      assert.equal(status, 200);
      assert.ok(Date.now() - start < limitMs, `the token still worked after ${limitMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('deactivating a user through the admin API ends their access token within 3 s, and the refresh token', async () => {
    const user = await newUser('deact');
    assert.equal((await getJson(`${a.url}/auth/me`, bearer(user.accessToken))).status, 200);
    assert.equal((await getJson(`${a.url}/api/cases`, bearer(user.accessToken))).status, 200);
    assert.equal((await admin.put(`/api/users/${user.id}`, { active: false, reason: '离职' }, 'admin')).status, 200);
    const elapsed = await msUntilRefused(`${a.url}/api/cases`, user.accessToken, 3_000);
    assert.ok(elapsed < 3_000);
    const refused = await getJson(`${a.url}/api/cases`, bearer(user.accessToken));
    assert.deepEqual([refused.status, refused.body.error.code], [401, 'invalid_token']);
    assert.equal((await postJson(`${a.url}/auth/refresh`, { refreshToken: user.refreshToken })).status, 401);
  });

  it('two API processes: a deactivation through A refuses the token on B within seconds', async () => {
    const user = await newUser('twoproc');
    // B has seen the token and holds the session in its cache.
    assert.equal((await getJson(`${b.url}/api/cases`, bearer(user.accessToken))).status, 200);
    assert.equal((await admin.put(`/api/users/${user.id}`, { active: false, reason: '停用' }, 'admin')).status, 200);
    assert.ok((await msUntilRefused(`${b.url}/api/cases`, user.accessToken, 3_000)) < 3_000);
    // Reactivating does not bring the old token back: the session version moved on twice.
    assert.equal((await admin.put(`/api/users/${user.id}`, { active: true, reason: '复职' }, 'admin')).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    assert.equal((await getJson(`${b.url}/api/cases`, bearer(user.accessToken))).status, 401);
  });

  it('a role change ends the old token (401) and its refresh token; a new login carries the new role', async () => {
    const user = await newUser('role');
    assert.equal((await getJson(`${b.url}/api/telephony/calls`, bearer(user.accessToken))).status, 200, 'an operator reads calls');
    assert.equal((await admin.put(`/api/users/${user.id}`, { roles: ['unitHandler'], unitId: 'chengguan', reason: '调岗' }, 'admin')).status, 200);
    assert.ok((await msUntilRefused(`${b.url}/api/telephony/calls`, user.accessToken, 3_000)) < 3_000, 'the operator token no longer reads calls');
    assert.equal((await postJson(`${a.url}/auth/refresh`, { refreshToken: user.refreshToken })).status, 401, 'the refresh token of the old session is refused');
    const again = await postJson(`${b.url}/auth/login`, { username: user.username, password: PASSWORD });
    assert.deepEqual([again.status, again.body.user.roles, again.body.user.unitId], [200, ['unitHandler'], 'chengguan']);
    assert.equal((await getJson(`${a.url}/api/telephony/calls`, bearer(again.body.accessToken))).status, 403);
  });

  it('a unit change ends the old token too', async () => {
    const user = await newUser('unit', { roles: ['unitHandler'], unitId: 'chengguan' });
    assert.equal((await getJson(`${a.url}/api/cases`, bearer(user.accessToken))).status, 200);
    assert.equal((await admin.put(`/api/users/${user.id}`, { unitId: 'donghu', reason: '调动' }, 'admin')).status, 200);
    assert.ok((await msUntilRefused(`${a.url}/api/cases`, user.accessToken, 3_000)) < 3_000);
  });

  it('a change made outside the API (psql) ends sessions as well: the database trigger moves the version on', async () => {
    const user = await newUser('psql');
    const before = await testPrisma().user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } });
    await testPrisma().$executeRawUnsafe(`UPDATE "User" SET "roles" = ARRAY['auditor']::"Role"[] WHERE "id" = $1`, user.id);
    const after = await testPrisma().user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } });
    assert.equal(after.sessionVersion, before.sessionVersion + 1);
    await testPrisma().$executeRawUnsafe(`UPDATE "User" SET "displayName" = '只改名字' WHERE "id" = $1`, user.id);
    assert.equal((await testPrisma().user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } })).sessionVersion, after.sessionVersion, 'a name change ends nothing');
    assert.ok((await msUntilRefused(`${a.url}/auth/me`, user.accessToken, 3_000)) < 3_000);
  });

  it('refuses tokens without a session version or with another one (401)', async () => {
    const claims = { sub: 'user-operator', username: 'operator', roles: ['operator'], unitId: 'hotline' };
    const sign = (extra: object) => jwt.sign({ ...claims, ...extra }, TEST_JWT_SECRET, { issuer: 'hotline12345', audience: 'hotline12345-api', expiresIn: 300 });
    const { sessionVersion } = await testPrisma().user.findUniqueOrThrow({ where: { id: 'user-operator' }, select: { sessionVersion: true } });
    assert.equal((await getJson(`${a.url}/auth/me`, bearer(sign({})))).status, 401, 'a token as issued before session versions');
    assert.equal((await getJson(`${a.url}/auth/me`, bearer(sign({ sv: sessionVersion + 1 })))).status, 401);
    assert.equal((await getJson(`${a.url}/auth/me`, bearer(sign({ sv: sessionVersion })))).status, 200);
  });

  it('the live call feed closes within seconds after its reader is deactivated', async () => {
    const user = await newUser('live');
    const controller = new AbortController();
    const response = await fetch(`${a.url}/api/telephony/live`, { headers: { ...bearer(user.accessToken), accept: 'text/event-stream' }, signal: controller.signal });
    assert.equal(response.status, 200);
    let text = '';
    const ended = (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) text += decoder.decode(chunk, { stream: true });
      return Date.now();
    })().catch(() => null);
    const deadline = new Promise<null>((resolve) => setTimeout(() => resolve(null), 8_000));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.match(text, /event: ready/);
    const deactivatedAt = Date.now();
    assert.equal((await admin.put(`/api/users/${user.id}`, { active: false, reason: '离职' }, 'admin')).status, 200);
    const endedAt = await Promise.race([ended, deadline]);
    controller.abort();
    assert.ok(endedAt !== null, 'the stream was still open 8 s after the deactivation');
    assert.ok(endedAt - deactivatedAt < 5_000, `the stream closed ${endedAt - deactivatedAt} ms after the deactivation`);
    assert.match(text, /event: session-ended/);
  });

  it('caps the access token lifetime: the rule above 3600 is refused (400), the rule sets expiresIn, the environment above 3600 is refused', async () => {
    const key = 'session.accessTtlSeconds';
    const original = (await testPrisma().ruleSetting.findUniqueOrThrow({ where: { key } })).value;
    try {
      const tooLong = await admin.put(`/api/rule-settings/${key}`, { value: 7200, reason: '测试' }, 'admin');
      assert.equal(tooLong.status, 400);
      assert.deepEqual(tooLong.body.error.fields, { value: 'at most 3600' });
      assert.equal((await testPrisma().ruleSetting.findUniqueOrThrow({ where: { key } })).value, original, 'nothing changed');
      assert.equal((await admin.put(`/api/rule-settings/${key}`, { value: 600, reason: '缩短会话' }, 'admin')).status, 200);
      const login = await postJson(`${b.url}/auth/login`, { username: 'operator', password: 'Demo@12345' });
      assert.equal(login.body.expiresIn, 600);
      const claims = jwt.decode(login.body.accessToken) as jwt.JwtPayload;
      assert.equal(claims.exp! - claims.iat!, 600);
    } finally {
      await testPrisma().ruleSetting.update({ where: { key }, data: { value: original as number } });
    }
    assert.throws(() => loadEnv({ JWT_ACCESS_TTL_SECONDS: '7200' }), (error: unknown) => error instanceof ConfigError && /JWT_ACCESS_TTL_SECONDS: at most 3600/.test(error.message));
    assert.equal(loadEnv({ JWT_ACCESS_TTL_SECONDS: '3600' }).JWT_ACCESS_TTL_SECONDS, 3600);
  });
});
