// Login throttling (issue 15, item 5): attempts are counted atomically in PostgreSQL before the
// password is checked, per address and per username, shared by every API process; a refusal
// does not lock the owner out from elsewhere; unknown, inactive and wrong-password accounts get
// the same 401 after the same work. Addresses come from X-Forwarded-For (the test client is the
// trusted loopback proxy), one range per test so that tests do not count against each other.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { testPrisma } from '../support/db';
import { postJson, startApi, type RunningApi } from '../support/http';
import { AdminApiClient } from '../support/adminApi';

const PASSWORD = 'Tiger#Lake2026';
/** The seeded rule: login.throttle. */
const RULE = { perAddress: 50, perUsername: 10, perUsernameAndAddress: 3, windowMinutes: 15 };

describe('login throttling shared by every API process', () => {
  let a: RunningApi;
  let b: RunningApi;
  let admin: AdminApiClient;
  // 198.18.0.0/15 is for benchmarks: no real client comes from there.
  const net = `198.18.${randomInt(0, 255)}`;
  let host = 0;
  const newAddress = () => `${net}.${++host}`;

  before(async () => {
    a = await startApi();
    b = await startApi();
    admin = new AdminApiClient(a.url);
    await admin.login('admin');
    assert.deepEqual((await testPrisma().ruleSetting.findUniqueOrThrow({ where: { key: 'login.throttle' } })).value, RULE);
  });

  after(async () => {
    await a?.close();
    await b?.close();
    await testPrisma().loginThrottle.deleteMany({ where: { OR: [{ key: { contains: `ip:${net}.` } }, { key: { contains: `s${admin?.run}-` } }] } });
  });

  const newUser = async (name: string) => {
    const username = `s${admin.run}-${name}`;
    const created = await admin.post('/api/users', { username, displayName: '限流测试', password: PASSWORD, roles: ['operator'], unitId: 'hotline' }, 'admin');
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return { id: created.body.id as string, username };
  };
  const login = (api: RunningApi, username: string, password: string, address: string) => postJson(`${api.url}/auth/login`, { username, password }, { 'x-forwarded-for': address });
  const statuses = (responses: { status: number }[]) => responses.reduce<Record<number, number>>((counts, r) => ({ ...counts, [r.status]: (counts[r.status] ?? 0) + 1 }), {});

  it('30 parallel wrong logins at one account cannot exceed the limit: exactly perUsername reach the password check, the rest 429', async () => {
    const user = await newUser('race');
    const attacker = newAddress();
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => login(i % 2 === 0 ? a : b, user.username, `wrong-${i}`, attacker)));
    assert.deepEqual(statuses(responses), { 401: RULE.perUsername, 429: 30 - RULE.perUsername });
    const refused = responses.find((r) => r.status === 429)!;
    assert.equal(refused.body.error.code, 'too_many_attempts');
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= RULE.windowMinutes * 60, `Retry-After ${retryAfter}`);
    const row = await testPrisma().loginThrottle.findUniqueOrThrow({ where: { key: `user:${user.username}` } });
    assert.equal(row.count, 30, 'every attempt counted, none lost to a race');
    // The attacker's address is refused even the right password; the owner elsewhere gets in.
    assert.equal((await login(a, user.username, PASSWORD, attacker)).status, 429);
    assert.equal((await login(b, user.username, PASSWORD, newAddress())).status, 200, 'the owner is not locked out');
    // A new address still has a few tries at the hot username, then it is refused too.
    const another = newAddress();
    const tries = [];
    for (let i = 0; i < RULE.perUsernameAndAddress + 2; i++) tries.push((await login(a, user.username, `again-${i}`, another)).status);
    assert.deepEqual(tries, [...Array(RULE.perUsernameAndAddress).fill(401), 429, 429]);
  });

  it('refuses an address past perAddress attempts, whichever usernames it tries (also a right password), and only that address', async () => {
    const user = await newUser('spray');
    const sprayer = newAddress();
    const responses = await Promise.all(Array.from({ length: RULE.perAddress + 5 }, (_, i) => login(i % 2 === 0 ? a : b, `s${admin.run}-nobody-${i}`, 'guess', sprayer)));
    assert.deepEqual(statuses(responses), { 401: RULE.perAddress, 429: 5 });
    assert.equal((await login(a, user.username, PASSWORD, sprayer)).status, 429);
    assert.equal((await login(a, user.username, PASSWORD, newAddress())).status, 200);
  });

  it('is shared by two API instances: failures through A count on B', async () => {
    const user = await newUser('shared');
    const address = newAddress();
    const seen: number[] = [];
    for (let i = 0; i < RULE.perUsername + 2; i++) seen.push((await login(i % 2 === 0 ? a : b, user.username, `wrong-${i}`, address)).status);
    assert.deepEqual(seen, [...Array(RULE.perUsername).fill(401), 429, 429]);
    assert.equal((await login(b, user.username, PASSWORD, address)).status, 429, 'B refuses after failures counted through A and B');
  });

  it('a successful login is not counted against the address or the username', async () => {
    const user = await newUser('owner');
    const desk = newAddress();
    for (let i = 0; i < RULE.perUsername + 3; i++) assert.equal((await login(i % 2 === 0 ? a : b, user.username, PASSWORD, desk)).status, 200);
    const rows = await testPrisma().loginThrottle.findMany({ where: { key: { in: [`user:${user.username}`, `ip:${desk}`] } } });
    assert.deepEqual(rows.map((r) => r.count), [0, 0]);
  });

  it('answers unknown, inactive and wrong-password accounts with the identical 401, after the same password check', async () => {
    const active = await newUser('known');
    const inactive = await newUser('gone');
    assert.equal((await admin.put(`/api/users/${inactive.id}`, { active: false, reason: '离职' }, 'admin')).status, 200);
    const timed = async (username: string, password: string) => {
      const start = process.hrtime.bigint();
      const response = await login(a, username, password, newAddress());
      return { ...response, ms: Number(process.hrtime.bigint() - start) / 1e6 };
    };
    const rounds: Record<'wrong' | 'unknown' | 'inactive', { status: number; body: unknown; ms: number }[]> = { wrong: [], unknown: [], inactive: [] };
    for (let i = 0; i < 7; i++) {
      rounds.wrong.push(await timed(active.username, `wrong-${i}`));
      rounds.unknown.push(await timed(`s${admin.run}-nobody`, PASSWORD));
      rounds.inactive.push(await timed(inactive.username, PASSWORD));
    }
    const all = [...rounds.wrong, ...rounds.unknown, ...rounds.inactive];
    assert.ok(all.every((r) => r.status === 401));
    for (const r of all) assert.deepEqual(r.body, rounds.wrong[0]!.body);
    assert.deepEqual(rounds.wrong[0]!.body, { error: { code: 'invalid_credentials', message: 'wrong username or password' } });
    // The fastest of each kind: a busy machine only ever adds time, so the minimum is what the
    // code itself costs (the medians of one loaded CI run fell outside the band with unchanged code).
    const fastest = (values: number[]) => Math.min(...values);
    const wrong = fastest(rounds.wrong.map((r) => r.ms));
    for (const kind of ['unknown', 'inactive'] as const) {
      const ms = fastest(rounds[kind].map((r) => r.ms));
      // An answer without the argon2 verification comes back in a fraction of the time.
      assert.ok(ms > wrong * 0.5 && ms < wrong * 2, `${kind}: fastest ${ms.toFixed(1)} ms against ${wrong.toFixed(1)} ms for a wrong password (all: ${rounds[kind].map((r) => r.ms.toFixed(1)).join(', ')} / ${rounds.wrong.map((r) => r.ms.toFixed(1)).join(', ')})`);
    }
  });
});
