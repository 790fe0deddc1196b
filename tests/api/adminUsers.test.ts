// /api/users: accounts, passwords and sessions, over real HTTP.
import assert from 'node:assert/strict';
import { testPrisma } from '../support/db';
import { postJson, startApi, type RunningApi } from '../support/http';
import { AdminApiClient, listQuery } from '../support/adminApi';
import { passwordProblem } from '../../api/users/passwordPolicy';
import { waitUntil } from '../support/petitions';

describe('admin API: users', () => {
  let server: RunningApi;
  let api: AdminApiClient;
  const PASSWORD = 'Tiger#Lake2026';

  before(async () => {
    server = await startApi();
    api = new AdminApiClient(server.url);
    await api.login('admin', 'auditor', 'operator');
  });

  after(async () => {
    await server?.close();
  });

  const username = (name: string) => `t${api.run}-${name}`;
  const createUser = (name: string, overrides: Record<string, unknown> = {}) =>
    api.post('/api/users', { username: username(name), displayName: '测试用户', password: PASSWORD, roles: ['operator'], unitId: 'hotline', ...overrides }, 'admin');

  it('applies the password policy', () => {
    assert.equal(passwordProblem('Demo@12345', 'admin'), null);
    assert.match(passwordProblem('Short1!', undefined)!, /at least 10/);
    assert.match(passwordProblem('alllowercaseletters', undefined)!, /three of/);
    assert.match(passwordProblem('Zhang.San2026', 'zhang.san')!, /username/);
  });

  it('creates a user with an initial password and never sends a password hash', async () => {
    const weak = await createUser('weak', { password: 'password' });
    assert.equal(weak.status, 400);
    assert.match(weak.body.error.fields.password, /at least 10/);
    const ownName = await createUser('named', { password: `${username('named')}X1!` });
    assert.deepEqual(ownName.body.error.fields, { password: 'must not contain the username' });

    const created = await createUser('alice', { displayName: '爱丽丝', phone: '+8613900001111', reason: '新入职话务员' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual([created.body.id, created.body.username, created.body.roles, created.body.active], [`user-${username('alice')}`, username('alice'), ['operator'], true]);
    assert.equal(created.body.passwordHash, undefined);
    const listed = await api.get(`/api/users${listQuery({ filter: { q: api.run }, sort: ['username', 'ASC'] })}`, 'admin');
    assert.ok(listed.body.length >= 1);
    assert.ok(listed.body.every((u: Record<string, unknown>) => !('passwordHash' in u)));
    assert.match(listed.headers.get('content-range')!, /^users 0-\d+\/\d+$/);
    assert.equal((await api.get(`/api/users/${created.body.id}`, 'auditor')).body.passwordHash, undefined, 'auditors read accounts too');

    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'user', entityId: created.body.id, action: 'userCreated' } });
    assert.equal(audit.reason, '新入职话务员');
    assert.ok(!JSON.stringify(audit.payload).includes('argon2'), 'no hash in the audit trail');

    const login = await api.loginWith(username('alice'), PASSWORD);
    assert.equal(login.status, 200);
    assert.deepEqual(login.body.user.roles, ['operator']);
  });

  it('refuses a duplicate username (409), unknown units and handlers at the hotline office (400), and bad input with the fields', async () => {
    const duplicate = await createUser('alice');
    assert.equal(duplicate.status, 409);
    assert.equal(duplicate.body.error.code, 'duplicate');
    const unknownUnit = await createUser('bob', { unitId: 'no-such-unit' });
    assert.deepEqual(unknownUnit.body.error.fields, { unitId: 'no such active unit' });
    const handlerAtRoot = await createUser('bob', { roles: ['unitHandler'] });
    assert.equal(handlerAtRoot.status, 400);
    assert.match(handlerAtRoot.body.error.fields.unitId, /below the hotline office/);
    const bad = await api.post('/api/users', { username: 'X', displayName: '', roles: ['emperor'], unitId: 'hotline', password: PASSWORD }, 'admin');
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys(bad.body.error.fields).sort(), ['displayName', 'roles.0', 'username']);
    const passwordInEdit = await api.put(`/api/users/user-${username('alice')}`, { password: 'Another#Pass1' }, 'admin');
    assert.equal(passwordInEdit.status, 400);
    assert.match(passwordInEdit.body.error.fields.password, /POST \/api\/users\/:id\/password/);
    assert.equal((await api.put('/api/users/no-such-user', { displayName: '无' }, 'admin')).status, 404);
  });

  it('changes roles, unit, name and phone; the change ends the session, and the next login carries the new roles', async () => {
    const id = `user-${username('alice')}`;
    const login = await api.loginWith(username('alice'), PASSWORD);
    const changed = await api.put(`/api/users/${id}`, { roles: ['unitHandler'], unitId: 'donghu', displayName: '爱丽丝（东湖）', phone: null, reason: '调岗' }, 'admin');
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.deepEqual([changed.body.roles, changed.body.unitId, changed.body.phone], [['unitHandler'], 'donghu', null]);
    const refreshed = await postJson(`${server.url}/auth/refresh`, { refreshToken: login.body.refreshToken });
    assert.equal(refreshed.status, 401, 'a role change ends the session: the refresh token is refused');
    const again = await api.loginWith(username('alice'), PASSWORD);
    assert.deepEqual([again.body.user.roles, again.body.user.unitId], [['unitHandler'], 'donghu']);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'user', entityId: id, action: 'userUpdated' } });
    const payload = audit.payload as { before: { roles: string[] }; after: { roles: string[] }; changed: string[] };
    assert.deepEqual([payload.before.roles, payload.after.roles], [['operator'], ['unitHandler']]);
    assert.deepEqual(payload.changed.sort(), ['displayName', 'phone', 'roles', 'sessionVersion', 'unitId']);
  });

  it('deactivating a user ends their sessions: the refresh token stops working and login is refused', async () => {
    const created = await createUser('carol');
    const login = await api.loginWith(username('carol'), PASSWORD);
    assert.equal(login.status, 200);
    const deactivated = await api.put(`/api/users/${created.body.id}`, { active: false, reason: '离职' }, 'admin');
    assert.deepEqual([deactivated.status, deactivated.body.active], [200, false]);
    assert.equal((await postJson(`${server.url}/auth/refresh`, { refreshToken: login.body.refreshToken })).status, 401);
    assert.equal((await api.loginWith(username('carol'), PASSWORD)).status, 401);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'user', entityId: created.body.id, action: 'userDeactivated' } });
    assert.equal(audit.reason, '离职');
    assert.equal((audit.payload as { refreshTokensRevoked: number }).refreshTokensRevoked, 1);
    const inactive = await api.get(`/api/users${listQuery({ filter: { active: false, q: username('carol') } })}`, 'admin');
    assert.deepEqual(inactive.body.map((u: { id: string }) => u.id), [created.body.id]);
  });

  it('resetting a password revokes refresh tokens and forgives the username\'s failed logins', async () => {
    const created = await createUser('dave');
    const login = await api.loginWith(username('dave'), PASSWORD);
    for (let i = 0; i < 3; i++) assert.equal((await postJson(`${server.url}/auth/login`, { username: username('dave'), password: `wrong-${i}` }, { 'x-forwarded-for': '198.51.100.77' })).status, 401);
    const throttled = () => testPrisma().loginThrottle.count({ where: { key: { startsWith: `user:${username('dave')}` } } });
    assert.equal(await throttled(), 3, 'the username, and the username from each of the two addresses');
    const weak = await api.post(`/api/users/${created.body.id}/password`, { password: `${username('dave')}!A1` }, 'admin');
    assert.deepEqual(weak.body.error.fields, { password: 'must not contain the username' });
    const reset = await api.post(`/api/users/${created.body.id}/password`, { password: 'River&Stone2027', reason: '忘记密码' }, 'admin');
    assert.deepEqual([reset.status, reset.body.sessionVersion, reset.body.passwordHash], [200, created.body.sessionVersion + 1, undefined]);
    assert.equal(await throttled(), 0);
    await testPrisma().loginThrottle.deleteMany({ where: { key: 'ip:198.51.100.77' } });
    assert.equal((await postJson(`${server.url}/auth/refresh`, { refreshToken: login.body.refreshToken })).status, 401);
    assert.equal((await api.loginWith(username('dave'), PASSWORD)).status, 401, 'the old password is gone');
    assert.equal((await api.loginWith(username('dave'), 'River&Stone2027')).status, 200);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'user', entityId: created.body.id, action: 'userPasswordReset' } });
    assert.equal(audit.reason, '忘记密码');
    assert.ok(!JSON.stringify(audit.payload).includes('River'), 'no password in the audit trail');
    assert.equal((await api.post('/api/users/no-such-user/password', { password: 'River&Stone2027' }, 'admin')).status, 404);
  });

  it('an admin cannot remove their own admin role or deactivate themselves (409)', async () => {
    const demote = await api.put('/api/users/user-admin', { roles: ['operator'] }, 'admin');
    assert.equal(demote.status, 409);
    assert.equal(demote.body.error.code, 'self_lockout');
    const deactivate = await api.put('/api/users/user-admin', { active: false }, 'admin');
    assert.equal(deactivate.status, 409);
    const still = await testPrisma().user.findUniqueOrThrow({ where: { id: 'user-admin' } });
    assert.deepEqual([still.roles, still.active], [['admin'], true]);
    const widen = await api.put('/api/users/user-admin', { roles: ['admin', 'auditor'], displayName: '系统管理员' }, 'admin');
    assert.equal(widen.status, 200, 'keeping the admin role is fine');
    // A role change ends the admin's own session too: sign in again to put things back.
    await waitUntil(async () => (await api.get('/api/users/user-admin', 'admin')).status === 401, 3_000);
    await api.login('admin');
    assert.equal((await api.put('/api/users/user-admin', { roles: ['admin'] }, 'admin')).status, 200);
    await api.login('admin');
  });

  it('is for admins only (auditors read)', async () => {
    assert.equal((await api.get('/api/users', 'operator')).status, 403);
    assert.equal((await api.post('/api/users', { username: username('eve') }, 'auditor')).status, 403);
    assert.equal((await api.put('/api/users/user-operator', { displayName: 'x' }, 'auditor')).status, 403);
    assert.equal((await api.post('/api/users/user-operator/password', { password: 'River&Stone2027' }, 'operator')).status, 403);
    assert.equal((await api.get('/api/users', 'auditor')).status, 200);
  });
});
