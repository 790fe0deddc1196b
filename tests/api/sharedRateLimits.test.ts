// Rate limits shared by every API process (counted in PostgreSQL), TRUST_PROXY, and the web
// form's guards against SMS bombing and duplicate cases, over real HTTP: two api/main.ts
// processes on the test database, and two in-process APIs on one Temporal dev server.
import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import type { Options } from 'express-rate-limit';
import { ConfigError, loadEnv } from '../../config/env';
import { PostgresRateLimitStore, sweepExpiredCounters } from '../../api/http/sharedRateLimit';
import { testPrisma } from '../support/db';
import { getJson, postJson, startApi, type RunningApi } from '../support/http';
import { startApiProcess, type ApiProcess } from '../support/apiProcess';
import { useApiStack } from '../support/apiStack';
import { waitUntil } from '../support/petitions';

/** An address of the documentation ranges no other test uses: a client of its own. */
const clientAddress = () => `203.0.113.${randomInt(1, 255)}`;
const from = (address: string) => ({ 'x-forwarded-for': address });
/** A lookup of a case that does not exist: 404 while allowed, 429 once over the limit. */
const lookup = (api: { url: string }, headers: Record<string, string>) => getJson(`${api.url}/public/cases/2026010199999?check=1234`, headers);

describe('rate limits shared by every API process', function () {
  this.timeout(120_000);

  describe('two api/main.ts processes on one database', () => {
    const processes: ApiProcess[] = [];
    let a: ApiProcess;
    let b: ApiProcess;
    let untrusting: ApiProcess;

    before(async () => {
      const limits = { PUBLIC_LOOKUPS_PER_MINUTE: '4', OPEN311_READS_PER_MINUTE: '3' };
      // Started one after another: two tsx compilations at once crowd two CPUs.
      a = await startApiProcess(limits);
      processes.push(a);
      b = await startApiProcess(limits);
      processes.push(b);
      // Believes X-Forwarded-For only from 10.0.0.0/8: the tests' loopback peer is no trusted proxy.
      untrusting = await startApiProcess({ ...limits, TRUST_PROXY: '10.0.0.0/8' });
      processes.push(untrusting);
    });

    after(async () => {
      for (const p of processes) await p.stop();
    });

    it('holds the public lookup limit across both processes, per client address (X-Forwarded-For from the loopback proxy)', async () => {
      const client = from(clientAddress());
      const statuses: number[] = [];
      for (const api of [a, b, a, b]) statuses.push((await lookup(api, client)).status);
      assert.deepEqual(statuses, [404, 404, 404, 404]);
      const refusedA = await lookup(a, client);
      const refusedB = await lookup(b, client);
      assert.deepEqual([refusedA.status, refusedB.status], [429, 429], 'the fifth lookup is refused by either process');
      assert.equal(refusedB.body.error.code, 'too_many_requests');
      assert.ok(Number(refusedB.headers.get('retry-after')) > 0, 'Retry-After');
      // Another client (another X-Forwarded-For through the trusted loopback proxy) has its own allowance.
      assert.equal((await lookup(b, from(clientAddress().replace('203.0.113', '198.51.100')))).status, 404);
      const counters = await testPrisma().rateLimitCounter.findMany({ where: { key: { startsWith: 'public-lookups:' } } });
      assert.ok(counters.length >= 2, 'the counters are rows in PostgreSQL');
    });

    it('holds the Open311 read limit across both processes', async () => {
      const client = from(clientAddress());
      const statuses: number[] = [];
      for (const api of [a, b, a, b]) statuses.push((await getJson(`${api.url}/open311/v2/services.json`, client)).status);
      assert.deepEqual(statuses, [200, 200, 200, 429]);
      const refused = await getJson(`${a.url}/open311/v2/requests.json`, client);
      assert.equal(refused.status, 429);
      assert.deepEqual(refused.body, [{ code: 429, description: 'too many Open311 reads from this address; try again in a minute' }]);
    });

    it('counts X-Forwarded-For per client only when the peer is a trusted proxy (TRUST_PROXY)', async () => {
      // Each request claims another client; an untrusted peer's claim is ignored: one allowance.
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await lookup(untrusting, from(clientAddress()))).status);
      assert.deepEqual(statuses, [404, 404, 404, 404, 429]);
    });
  });

  describe('the PostgreSQL store', () => {
    it('counts atomically, restarts a window that has ended, decrements, resets, and sweeps expired counters', async () => {
      const store = new PostgresRateLimitStore(testPrisma(), `store-test-${randomUUID()}:`);
      store.init({ windowMs: 1_000 } as Options);
      const counts = await Promise.all(Array.from({ length: 20 }, () => store.increment('client')));
      assert.deepEqual(counts.map((c) => c.totalHits).sort((x, y) => x - y), Array.from({ length: 20 }, (_, i) => i + 1), 'no hit lost or counted twice');
      await store.decrement('client');
      assert.equal((await store.get('client'))!.totalHits, 19);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      assert.equal(await store.get('client'), undefined, 'the window has ended');
      const restarted = await store.increment('client');
      assert.equal(restarted.totalHits, 1);
      assert.ok(restarted.resetTime!.getTime() > Date.now());
      await store.resetKey('client');
      assert.equal(await store.get('client'), undefined);
      await store.increment('old');
      await testPrisma().$executeRaw`UPDATE "RateLimitCounter" SET "resetAt" = now() - interval '1 hour' WHERE "key" = ${`${store.prefix}old`}`;
      assert.ok((await sweepExpiredCounters(testPrisma())) >= 1);
      assert.equal(await testPrisma().rateLimitCounter.count({ where: { key: `${store.prefix}old` } }), 0);
    });
  });

  describe('TRUST_PROXY', () => {
    it('takes a hop count, or proxy addresses, CIDR ranges and names; refuses "true" and malformed entries', () => {
      assert.deepEqual(loadEnv({}).TRUST_PROXY, ['loopback']);
      assert.equal(loadEnv({ TRUST_PROXY: '2' }).TRUST_PROXY, 2);
      assert.deepEqual(loadEnv({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7 ,loopback, fd00::/8' }).TRUST_PROXY, ['10.0.0.0/8', '192.168.1.7', 'loopback', 'fd00::/8']);
      for (const bad of ['true', '10.0.0.0/33', 'proxy.example', '11', ',']) {
        assert.throws(() => loadEnv({ TRUST_PROXY: bad }), (error: Error) => error instanceof ConfigError && /TRUST_PROXY/.test(error.message), bad);
      }
    });
  });

  describe('the web form: no SMS bombing, no duplicate cases', () => {
    const scope = `shared-${randomUUID()}:`;
    const stack = useApiStack({ rateLimitScope: scope });
    let second: RunningApi;
    before(async () => {
      // A second API with the same scope: as two processes of one deployment.
      second = await startApi({ temporal: stack.env.connection, taskQueue: stack.h.taskQueue, rateLimitScope: scope });
    });
    after(async () => second?.close());

    const phone = () => `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
    const form = (phoneNumber: string, marker = randomUUID()) => ({ type: 'complaint', title: `路灯不亮 ${marker.slice(0, 8)}`, content: `文化路88号门口路灯坏了。${marker}`, phone: phoneNumber });
    const submit = (api: RunningApi, body: unknown, headers: Record<string, string> = {}) => postJson(`${api.url}/public/cases`, body, headers);
    const receipts = (e164: string) => testPrisma().smsMessage.count({ where: { toNumber: e164, templateCode: 'sms.receipt' } });

    it('caps the distinct phone numbers one address files for in a day (publicForm.limits, seeded 5), across both APIs', async () => {
      const address = from(clientAddress());
      const phones = Array.from({ length: 6 }, phone);
      const statuses: number[] = [];
      for (const [i, p] of phones.slice(0, 5).entries()) statuses.push((await submit(i % 2 === 0 ? stack.api : second, form(p), address)).status);
      assert.deepEqual(statuses, [201, 201, 201, 201, 201]);
      const sixth = await submit(second, form(phones[5]!), address);
      assert.equal(sixth.status, 429, JSON.stringify(sixth.body));
      assert.equal(sixth.body.error.code, 'too_many_requests');
      assert.deepEqual(Object.keys(sixth.body.error.fields), ['phone']);
      assert.equal(await testPrisma().case.count({ where: { citizenPhone: `+86${phones[5]}` } }), 0, 'no case');
      // A phone this address already filed for is no new number; another address is not capped by this one.
      assert.equal((await submit(stack.api, form(phones[0]!), address)).status, 201);
      assert.equal((await submit(stack.api, form(phones[5]!), from(clientAddress()))).status, 201);
    });

    it('counts an IPv6 sender by its /56, so that rotating addresses within it does not lift the cap', async () => {
      const prefix = `2001:db8:${randomInt(0, 0xffff).toString(16)}`;
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await submit(stack.api, form(phone()), from(`${prefix}:${i}::${i + 1}`))).status);
      assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429]);
    });

    it('caps the receipts one phone gets in a day (seeded 3), whichever address and API sends', async () => {
      const target = phone();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await submit(i % 2 === 0 ? second : stack.api, form(target), from(clientAddress()))).status);
      assert.deepEqual(statuses, [201, 201, 201, 429]);
      await waitUntil(async () => (await receipts(`+86${target}`)) === 3);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      assert.equal(await receipts(`+86${target}`), 3, 'three receipts, no fourth');
    });

    it('answers the same form again with 409 and the earlier case number, from either API, also concurrently; the same Idempotency-Key gets the first answer', async () => {
      const citizen = phone();
      const body = form(citizen);
      const first = await submit(stack.api, body, from(clientAddress()));
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const { caseId } = first.body as { caseId: string };

      const again = await submit(second, { ...body, content: `  ${body.content}\n` }, from(clientAddress()));
      assert.equal(again.status, 409);
      assert.deepEqual([again.body.error.code, again.body.error.caseId], ['duplicate_petition', caseId]);
      assert.equal(again.body.queryPassword, undefined, 'no query password for a resubmission without the key');
      const otherKey = await submit(stack.api, body, { ...from(clientAddress()), 'idempotency-key': randomUUID() });
      assert.deepEqual([otherKey.status, otherKey.body.error.caseId], [409, caseId]);

      const racing = phone();
      const racingBody = form(racing);
      const answers = await Promise.all([submit(stack.api, racingBody), submit(second, racingBody), submit(stack.api, racingBody)]);
      assert.deepEqual(answers.map((answer) => answer.status).sort(), [201, 409, 409]);

      const k = randomUUID();
      const keyed = form(phone());
      const keyedFirst = await submit(second, keyed, { 'idempotency-key': k });
      const keyedRetry = await submit(stack.api, keyed, { 'idempotency-key': k });
      assert.deepEqual([keyedFirst.status, keyedRetry.status], [201, 201]);
      assert.deepEqual(keyedRetry.body, keyedFirst.body, 'a retry under its key is answered as the first');

      for (const p of [citizen, racing]) assert.equal(await testPrisma().case.count({ where: { citizenPhone: `+86${p}` } }), 1, `one case for ${p}`);
      await waitUntil(async () => (await receipts(`+86${citizen}`)) === 1);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      assert.equal(await receipts(`+86${citizen}`), 1, 'one receipt SMS');
      const stored = await testPrisma().webFormSubmission.findMany({ where: { scope } });
      assert.ok(stored.length > 0);
      assert.ok(stored.every((row) => !JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? String(v) : v)).includes(citizen)), 'no phone number in clear');
    });
  });
});
