// Every accepted intake becomes one case, whatever the network or the servers do (issue 13):
// through each door (operator, web form, Open311, SMS draft), a retry with the same
// Idempotency-Key gets the first answer and never a second case, concurrent ones make one case,
// a key reused for another request is refused; a 201 means the case is listed; a lost answer, a
// case not listed in time (202), Temporal down (503) and an API stopped mid-intake are repaired
// by the client's retry; and a retried command with the same key is applied once, also after a
// 503 because the case did not answer in time or Temporal was out of reach.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../../prisma/seed/users';
import { testPrisma } from '../support/db';
import { getJson, postJson, startApi, type RunningApi } from '../support/http';
import { useApiStack } from '../support/apiStack';
import { waitUntil } from '../support/petitions';
import { inboundParams, newMessageSid, postInboundSms } from '../support/sms';

const key = (): string => randomUUID();

describe('intake idempotency and visibility', () => {
  const stack = useApiStack({ publicSubmissionsPerHour: 1000 });
  const tokens: Record<string, string> = {};
  const as = (user: string, idempotencyKey?: string) => ({ authorization: `Bearer ${tokens[user]}`, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) });
  const prisma = () => testPrisma();

  before(async () => {
    for (const user of ['operator', 'dispatcher', 'admin']) {
      tokens[user] = (await postJson(`${stack.api.url}/auth/login`, { username: user, password: DEMO_PASSWORD })).body.accessToken;
    }
  });

  /** An operator's registration whose title marks it, so that its cases can be counted. */
  const operatorBody = (marker: string) => ({ channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: `夜市占道 ${marker}`, content: '解放路夜市占道经营。', citizenPhone: '+8613911110000' });
  const casesMarked = (marker: string) => prisma().case.count({ where: { OR: [{ title: { contains: marker } }, { content: { contains: marker } }] } });
  const register = (body: unknown, idempotencyKey?: string, api: RunningApi = stack.api, user = 'operator') => postJson(`${api.url}/api/cases`, body, as(user, idempotencyKey));

  /** The promise of a 201: the case is readable at once, in the list and on its own. */
  const assertListed = async (caseId: string) => {
    const one = await getJson(`${stack.api.url}/api/cases/${caseId}`, as('operator'));
    assert.equal(one.status, 200, `case ${caseId} readable right after 201`);
    const list = await getJson(`${stack.api.url}/api/cases?filter=${encodeURIComponent(JSON.stringify({ id: caseId }))}`, as('operator'));
    assert.deepEqual(list.body.map((c: { id: string }) => c.id), [caseId]);
  };

  describe('operator intake (POST /api/cases)', () => {
    it('answers a retry with the first answer, lists the case before answering, and makes one case', async () => {
      const marker = key();
      const k = key();
      const first = await register(operatorBody(marker), k);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      await assertListed(first.body.caseId);
      const retry = await register(operatorBody(marker), k);
      assert.equal(retry.status, 201);
      assert.deepEqual(retry.body, first.body, 'the same number, query password, duplicates and history');
      assert.equal(await casesMarked(marker), 1);
      // Keys belong to their user: the dispatcher's same key is another registration.
      const other = await register(operatorBody(marker), k, stack.api, 'dispatcher');
      assert.equal(other.status, 201);
      assert.notEqual(other.body.caseId, first.body.caseId);
      // Without a key, each request is a new case, as before.
      const unkeyedMarker = key();
      const [a, b] = [await register(operatorBody(unkeyedMarker)), await register(operatorBody(unkeyedMarker))];
      assert.notEqual(a.body.caseId, b.body.caseId);
      await assertListed(a.body.caseId);
    });

    it('makes one case of concurrent requests with the same key, with no gap in the day’s numbers', async () => {
      const marker = key();
      const k = key();
      const before = await register(operatorBody(key()));
      const answers = await Promise.all(Array.from({ length: 6 }, () => register(operatorBody(marker), k)));
      assert.deepEqual(answers.map((a) => a.status), [201, 201, 201, 201, 201, 201]);
      assert.equal(new Set(answers.map((a) => a.body.caseId)).size, 1);
      assert.equal(new Set(answers.map((a) => a.body.queryPassword)).size, 1);
      assert.equal(await casesMarked(marker), 1);
      const after = await register(operatorBody(key()));
      assert.equal(BigInt(after.body.caseId) - BigInt(before.body.caseId), 2n, 'the losers’ numbers were taken back');
    });

    it('refuses the same key with another body (422) and changes nothing', async () => {
      const marker = key();
      const k = key();
      const first = await register(operatorBody(marker), k);
      assert.equal(first.status, 201);
      const reused = await register({ ...operatorBody(marker), content: '另一件事。' }, k);
      assert.equal(reused.status, 422);
      assert.equal(reused.body.error.code, 'idempotency_key_reused');
      assert.equal(await casesMarked(marker), 1);
      const malformed = await register(operatorBody(marker), 'short');
      assert.equal(malformed.status, 400);
      assert.ok(malformed.body.error.fields['Idempotency-Key']);
    });

    it('gives a request whose answer was lost the same case on retry', async () => {
      const marker = key();
      const k = key();
      // The worker is away, so the server is still waiting for the case's row when the client gives up.
      await stack.h.stopWorker();
      try {
        const aborted = new AbortController();
        const lost = fetch(`${stack.api.url}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', ...as('operator', k) }, body: JSON.stringify(operatorBody(marker)), signal: aborted.signal });
        await waitUntil(async () => (await prisma().intakeRequest.findFirst({ where: { key: k, startedAt: { not: null } } })) !== null);
        aborted.abort();
        await assert.rejects(lost, { name: 'AbortError' });
      } finally {
        await stack.h.startWorker();
      }
      const reserved = await prisma().intakeRequest.findFirstOrThrow({ where: { key: k } });
      const retry = await register(operatorBody(marker), k);
      assert.equal(retry.status, 201, JSON.stringify(retry.body));
      assert.equal(retry.body.caseId, reserved.caseId);
      await assertListed(retry.body.caseId);
      assert.equal(await casesMarked(marker), 1);
    });

    it('answers 202 with the case number when the case is not listed in time, then 201 on retry once it is', async () => {
      const impatient = await startApi({ temporal: stack.env.connection, taskQueue: stack.h.taskQueue, intakeVisibleWithinMs: 300 });
      const marker = key();
      const k = key();
      try {
        await stack.h.stopWorker();
        let accepted;
        try {
          accepted = await register(operatorBody(marker), k, impatient);
          assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
          assert.match(accepted.body.caseId, /^\d{13}$/);
          assert.match(accepted.body.queryPassword, /^\d{6}$/);
          assert.equal((await getJson(`${stack.api.url}/api/cases/${accepted.body.caseId}`, as('operator'))).status, 404, 'not listed yet');
        } finally {
          await stack.h.startWorker();
        }
        const retry = await register(operatorBody(marker), k);
        assert.equal(retry.status, 201);
        assert.deepEqual(retry.body, accepted.body);
        await assertListed(retry.body.caseId);
        assert.equal(await casesMarked(marker), 1);
      } finally {
        await impatient.close();
      }
    });

    it('answers 503 and leaves no case when Temporal is down; the retry registers it with the reserved number', async () => {
      const cutOff = await startApi({ taskQueue: stack.h.taskQueue }); // Temporal at a closed port
      const marker = key();
      const k = key();
      try {
        const refused = await register(operatorBody(marker), k, cutOff);
        assert.equal(refused.status, 503, JSON.stringify(refused.body));
        assert.equal(refused.body.error.code, 'intake_unavailable');
        assert.ok(refused.headers.get('retry-after'));
      } finally {
        await cutOff.close();
      }
      assert.equal(await casesMarked(marker), 0);
      const reserved = await prisma().intakeRequest.findFirstOrThrow({ where: { key: k } });
      assert.equal(reserved.startedAt, null);
      const retry = await register(operatorBody(marker), k);
      assert.equal(retry.status, 201, JSON.stringify(retry.body));
      assert.equal(retry.body.caseId, reserved.caseId);
      await assertListed(retry.body.caseId);
      assert.equal(await casesMarked(marker), 1);
    });

    it('answers every intake in flight when the API stops, and retries of the rest make each case once', async () => {
      const stopping = await startApi({ temporal: stack.env.connection, taskQueue: stack.h.taskQueue });
      const marker = key();
      const keys = Array.from({ length: 12 }, () => key());
      const sent = keys.map((k) => register(operatorBody(marker), k, stopping).then((answer) => ({ k, answer }), (error: unknown) => ({ k, error })));
      await waitUntil(async () => (await prisma().intakeRequest.count({ where: { key: { in: keys } } })) > 0, 15_000);
      await stopping.close();
      const results = await Promise.all(sent);
      const recorded = await prisma().intakeRequest.findMany({ where: { key: { in: keys } } });
      const answered = new Map(results.flatMap((r) => ('answer' in r ? [[r.k, r.answer] as const] : [])));
      for (const intake of recorded) {
        const answer = answered.get(intake.key);
        assert.ok(answer, `registered case ${intake.caseId} was answered to its client`);
        assert.ok([201, 202].includes(answer.status), JSON.stringify(answer.body));
        assert.equal(answer.body.caseId, intake.caseId);
      }
      // The clients retry whatever got no answer (or not 201) at the API still running.
      for (const k of keys) {
        const retry = await register(operatorBody(marker), k);
        assert.equal(retry.status, 201);
      }
      assert.equal(await casesMarked(marker), keys.length, 'one case per key');
    });
  });

  describe('citizen web form (POST /public/cases)', () => {
    const form = (marker: string) => ({ type: 'complaint', title: `路灯不亮 ${marker}`.slice(0, 100), content: '解放路17号门口路灯坏了。', phone: '13800001111' });
    const submit = (body: unknown, idempotencyKey?: string) => postJson(`${stack.api.url}/public/cases`, body, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {});

    it('answers a resubmitted form with the same number and password, once, also concurrently; another form under the key is refused', async () => {
      const marker = key();
      const k = key();
      const answers = await Promise.all([submit(form(marker), k), submit(form(marker), k), submit(form(marker), k)]);
      assert.deepEqual(answers.map((a) => a.status), [201, 201, 201]);
      assert.equal(new Set(answers.map((a) => JSON.stringify(a.body))).size, 1);
      await assertListed(answers[0]!.body.caseId);
      const later = await submit(form(marker), k);
      assert.deepEqual(later.body, answers[0]!.body);
      assert.equal(await casesMarked(marker), 1);
      const reused = await submit({ ...form(marker), content: '另一件事。' }, k);
      assert.equal(reused.status, 422);
      assert.equal(await casesMarked(marker), 1);
    });
  });

  describe('Open311 (POST /open311/v2/requests)', () => {
    let apiKey: string;
    before(async () => {
      const created = await postJson(`${stack.api.url}/api/api-clients`, { name: `幂等测试 ${key()}` }, as('admin'));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      apiKey = created.body.apiKey;
    });
    const request = (marker: string, idempotencyKey: string, extra: Record<string, string> = {}) =>
      fetch(`${stack.api.url}/open311/v2/requests.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': idempotencyKey },
        body: new URLSearchParams({ api_key: apiKey, service_code: 'urban.street-vending', address_string: '解放路1号', description: `夜市占道 ${marker}`, ...extra }),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as any }));

    it('answers a resubmitted request with the same service_request_id, once, with its details saved once', async () => {
      const marker = key();
      const k = key();
      const [first, second] = await Promise.all([request(marker, k), request(marker, k)]);
      assert.deepEqual([first.status, second.status], [201, 201]);
      assert.deepEqual(second.body, first.body);
      const caseId = first.body[0].service_request_id as string;
      await assertListed(caseId);
      assert.deepEqual((await request(marker, k)).body, first.body);
      assert.equal(await casesMarked(marker), 1);
      assert.equal(await prisma().open311Submission.count({ where: { caseId } }), 1);
      const reused = await request(marker, k, { email: 'other@example.com' });
      assert.equal(reused.status, 422);
      assert.match(reused.body[0].description, /Idempotency-Key/);
      assert.equal(await casesMarked(marker), 1);
    });
  });

  describe('SMS drafts (POST /api/telephony/sms-drafts/:id/register)', () => {
    const draftOf = async (text: string) => {
      const sid = newMessageSid();
      const answer = await postInboundSms(stack.api.url, inboundParams(`+86139${String(Date.now()).slice(-8)}`, text, sid));
      assert.equal(answer.status, 200);
      return (await prisma().smsMessage.findUniqueOrThrow({ where: { messageSid: sid } })).id;
    };
    const registerDraft = (id: string, body: unknown, user = 'operator') => postJson(`${stack.api.url}/api/telephony/sms-drafts/${encodeURIComponent(id)}/register`, body, as(user));

    it('makes one case of a draft registered twice at once and again later, and refuses another form or a dismissal', async () => {
      const marker = key();
      const id = await draftOf(`解放路夜市占道经营 ${marker}`);
      const body = { caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: '夜市占道经营' };
      const answers = await Promise.all([registerDraft(id, body), registerDraft(id, body, 'dispatcher')]);
      assert.deepEqual(answers.map((a) => a.status), [201, 201]);
      assert.deepEqual(answers[1]!.body, answers[0]!.body);
      const caseId = answers[0]!.body.caseId as string;
      await assertListed(caseId);
      assert.equal((await prisma().smsMessage.findUniqueOrThrow({ where: { id } })).caseId, caseId, 'linked before the answer');
      assert.deepEqual((await registerDraft(id, body)).body, answers[0]!.body);
      assert.equal(await casesMarked(marker), 1);
      assert.equal(await prisma().auditEvent.count({ where: { entityType: 'smsMessage', entityId: id, action: 'smsDraftRegistered' } }), 1);
      const other = await registerDraft(id, { ...body, title: '另一个标题' });
      assert.equal(other.status, 409);
      assert.equal(other.body.error.code, 'already_registered');
      assert.equal((await postJson(`${stack.api.url}/api/telephony/sms-drafts/${encodeURIComponent(id)}/dismiss`, { reason: '重复' }, as('operator'))).status, 409);
    });
  });

  describe('commands (POST /api/cases/:id/commands/:command)', () => {
    it('applies a command retried with the same key once (Temporal deduplicates the Update), and one without a key each time', async () => {
      const registered = await register(operatorBody(key()), key());
      const caseId = registered.body.caseId as string;
      const command = (name: string, body: unknown, idempotencyKey?: string) => postJson(`${stack.api.url}/api/cases/${caseId}/commands/${name}`, body, as('dispatcher', idempotencyKey));
      assert.equal((await command('dispatch', { leadUnitId: 'donghu' }, key())).status, 200);
      const k = key();
      const first = await command('urge', { reason: '市民再次来电' }, k);
      assert.equal(first.status, 200, JSON.stringify(first.body));
      const [again, concurrent] = await Promise.all([command('urge', { reason: '市民再次来电' }, k), command('urge', { reason: '市民再次来电' }, k)]);
      assert.deepEqual([again.status, concurrent.status], [200, 200]);
      assert.deepEqual(again.body, first.body, 'the first Update’s result, answered again');
      assert.equal(first.body.counters.urges, 1);
      assert.equal(await prisma().urge.count({ where: { caseId } }), 1, 'one urge');
      assert.equal((await command('urge', { reason: '市民第三次来电' })).body.counters.urges, 2, 'a new action is a new urge');
      assert.equal(await prisma().urge.count({ where: { caseId } }), 2);
    });

    it('answers 503 when the case does not answer in time or Temporal is out of reach, and the retry with the same key applies it once', async () => {
      const registered = await register(operatorBody(key()), key());
      const caseId = registered.body.caseId as string;
      const k = key();
      const dispatch = (api: RunningApi) => postJson(`${api.url}/api/cases/${caseId}/commands/dispatch`, { leadUnitId: 'donghu' }, as('dispatcher', k));
      const assertUnavailable = (answer: Awaited<ReturnType<typeof dispatch>>) => {
        assert.equal(answer.status, 503, JSON.stringify(answer.body));
        assert.equal(answer.body.error.code, 'unavailable');
        assert.ok(answer.headers.get('retry-after'));
      };
      // Temporal at a closed port (the client retries a refused connection until the bound).
      const cutOff = await startApi({ taskQueue: stack.h.taskQueue, commandAnswerWithinMs: 500 });
      const impatient = await startApi({ temporal: stack.env.connection, taskQueue: stack.h.taskQueue, commandAnswerWithinMs: 500 });
      try {
        assertUnavailable(await dispatch(cutOff));
        // The worker is away: the Update waits for a workflow task nobody runs, past the API's bound.
        await stack.h.stopWorker();
        try {
          assertUnavailable(await dispatch(impatient));
          assert.equal((await prisma().case.findUniqueOrThrow({ where: { id: caseId } })).status, 'registered', 'nothing applied while the case could not answer');
        } finally {
          await stack.h.startWorker();
        }
      } finally {
        await Promise.all([cutOff.close(), impatient.close()]);
      }
      const retried = await dispatch(stack.api);
      assert.equal(retried.status, 200, JSON.stringify(retried.body));
      assert.equal(retried.body.status, 'dispatched');
      assert.equal((await dispatch(stack.api)).body.status, 'dispatched', 'answered again, not applied again');
      await waitUntil(async () => (await prisma().case.findUniqueOrThrow({ where: { id: caseId } })).status === 'dispatched');
      assert.equal(await prisma().auditEvent.count({ where: { caseId, action: 'dispatched' } }), 1);
    });
  });
});
