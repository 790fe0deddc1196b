// The citizen's web petition (POST /public/cases) and the citizen pages, over real HTTP into
// real workflows (dev server).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loggableUrl } from '../../api/app';
import { testPrisma } from '../support/db';
import { getJson, postJson, startApi } from '../support/http';
import { useApiStack } from '../support/apiStack';
import { waitUntil } from '../support/petitions';
import { decodedHistory } from '../support/histories';

/** Every byte string of a history (the payloads), as text. */
function payloadTexts(value: unknown): string[] {
  if (value instanceof Uint8Array) return [Buffer.from(value).toString('utf8')];
  if (Array.isArray(value)) return value.flatMap(payloadTexts);
  if (value && typeof value === 'object') return Object.values(value).flatMap(payloadTexts);
  return [];
}

const PETITION = { type: 'complaint', title: '小区门口路灯不亮', content: '文化路88号小区门口的路灯已坏了一周，晚上很黑。', name: '钱七', phone: '139 2222-3333', address: '东湖区文化路88号' };

describe('/public/cases (web petition) and /citizen', () => {
  const stack = useApiStack();



  it('registers a web petition, answers only the case number and query password, and sends the receipt by SMS', async () => {
    const response = await postJson(`${stack.api.url}/public/cases`, { ...PETITION, latitude: 36.65, longitude: 117.12 });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    assert.deepEqual(Object.keys(response.body).sort(), ['caseId', 'queryPassword']);
    const { caseId, queryPassword } = response.body as { caseId: string; queryPassword: string };
    assert.match(caseId, /^\d{13}$/);
    assert.match(queryPassword, /^\d{6}$/);

    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    const row = await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } });
    assert.deepEqual(
      [row.channel, row.caseTypeCode, row.status, row.citizenPhone, row.citizenName, row.registeredById, Number(row.latitude), Number(row.longitude)],
      ['web', 'complaint', 'registered', '+8613922223333', '钱七', 'citizen:webForm', 36.65, 117.12],
    );
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'registered' } });
    assert.equal(audit.actorRole, 'citizen');

    await waitUntil(async () => (await testPrisma().smsMessage.count({ where: { caseId, templateCode: 'sms.receipt' } })) === 1);
    const receipt = await testPrisma().smsMessage.findFirstOrThrow({ where: { caseId, templateCode: 'sms.receipt' } });
    assert.equal(receipt.toNumber, '+8613922223333');
    assert.equal(receipt.body, `【12345热线】您的诉求已受理，受理号${caseId}，查询密码${queryPassword}。可回复“查询${caseId}”了解进度。`);

    // The password reaches the SMS sealed: no payload of the workflow's history holds it in clear.
    const payloads = payloadTexts(await decodedHistory(stack.env.client.workflow.getHandle(caseId))).join('\n');
    assert.ok(payloads.includes('"sealedQueryPassword"'));
    assert.ok(!payloads.includes(`"${queryPassword}"`), 'the query password is not in the history');

    assert.equal((await getJson(`${stack.api.url}/public/cases/${caseId}?check=${queryPassword}`)).status, 200);
    assert.equal((await getJson(`${stack.api.url}/public/cases/${caseId}?check=3333`)).status, 200);
  });

  it('refuses a bad phone, unknown fields and a filled honeypot, with the fields at fault', async () => {
    const badPhone = await postJson(`${stack.api.url}/public/cases`, { ...PETITION, phone: '010-12345678' });
    assert.equal(badPhone.status, 400);
    assert.deepEqual(Object.keys(badPhone.body.error.fields), ['phone']);
    const missing = await postJson(`${stack.api.url}/public/cases`, { type: 'opinion', content: 'x' });
    assert.equal(missing.status, 400);
    assert.deepEqual(Object.keys(missing.body.error.fields).sort(), ['phone', 'title', 'type']);
    const extra = await postJson(`${stack.api.url}/public/cases`, { ...PETITION, urgency: 'emergency', channel: 'phone' });
    assert.equal(extra.status, 400, 'a citizen cannot set what operators set');
    const halfPosition = await postJson(`${stack.api.url}/public/cases`, { ...PETITION, latitude: 36.6 });
    assert.deepEqual(Object.keys(halfPosition.body.error.fields), ['longitude']);
    const unknownCategory = await postJson(`${stack.api.url}/public/cases`, { ...PETITION, categoryId: 'no-such-category' });
    assert.equal(unknownCategory.status, 400);
    assert.deepEqual(unknownCategory.body.error.fields, { categoryId: 'no such category' });

    const before = await testPrisma().case.count({ where: { title: '机器人提交' } });
    const bot = await postJson(`${stack.api.url}/public/cases`, { ...PETITION, title: '机器人提交', website: 'http://spam.example' });
    assert.equal(bot.status, 400);
    assert.equal(bot.body.error.fields, undefined, 'no hint for the bot');
    assert.equal(await testPrisma().case.count({ where: { title: '机器人提交' } }), before);

    const oversized = await postJson(`${stack.api.url}/public/cases`, { ...PETITION, content: '长'.repeat(20_000) });
    assert.equal(oversized.status, 413);
  });

  it('rate-limits petitions per address, apart from lookups', async () => {
    const limited = await startApi({ temporal: stack.env.connection, taskQueue: stack.h.taskQueue, publicSubmissionsPerHour: 2, publicLookupsPerMinute: 50 });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await postJson(`${limited.url}/public/cases`, { ...PETITION, phone: 'bad' })).status);
      assert.deepEqual(statuses, [400, 400, 429]);
      const refused = await postJson(`${limited.url}/public/cases`, PETITION);
      assert.equal(refused.status, 429);
      assert.equal(refused.body.error.code, 'too_many_requests');
      assert.equal((await getJson(`${limited.url}/public/cases/2026010199999?check=1234`)).status, 404, 'lookups have their own allowance');
    } finally {
      await limited.close();
    }
  });

  it('offers the citizen case types and top-level categories in Chinese', async () => {
    const options = await getJson(`${stack.api.url}/public/form-options`);
    assert.equal(options.status, 200);
    assert.deepEqual(options.body.caseTypes, [
      { code: 'consultation', name: '咨询' }, { code: 'complaint', name: '投诉' }, { code: 'report', name: '举报' }, { code: 'help', name: '求助' }, { code: 'suggestion', name: '建议' },
    ]);
    assert.ok(options.body.categories.some((c: { name: string }) => c.name === '城市管理'));
  });

  it('serves the citizen pages and their scripts under the CSP, beside the console', async () => {
    const uiDir = mkdtempSync(path.join(os.tmpdir(), 'admin-ui-'));
    writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><title>console</title>');
    const withConsole = await startApi({ adminUiDir: uiDir });
    try {
      for (const page of ['/citizen/', '/citizen/lookup.html', '/citizen/link.html', '/citizen/published.html']) {
        const response = await fetch(`${withConsole.url}${page}`);
        assert.equal(response.status, 200, page);
        assert.match(response.headers.get('content-type')!, /^text\/html/);
        assert.match(response.headers.get('content-security-policy')!, /script-src 'self'/);
        const html = await response.text();
        assert.match(html, /<html lang="zh-CN">/);
        assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, `${page}: no inline script`);
        assert.doesNotMatch(html, /\son[a-z]+=/, `${page}: no inline handlers`);
      }
      assert.match(await (await fetch(`${withConsole.url}/citizen/`)).text(), /网上提交诉求/);
      for (const script of ['petition.js', 'lookup.js', 'link.js', 'published.js', 'common.js']) {
        const response = await fetch(`${withConsole.url}/citizen/${script}`);
        assert.equal(response.status, 200, script);
        assert.match(response.headers.get('content-type')!, /javascript/);
      }
      assert.equal((await fetch(`${withConsole.url}/citizen/nothing.html`)).status, 404, 'the console does not take over /citizen');
      assert.match(await (await fetch(`${withConsole.url}/cases/123`)).text(), /console/, 'the console still serves its own routes');
    } finally {
      await withConsole.close();
    }
  });

  it('keeps link tokens and lookup checks out of the request log', () => {
    assert.equal(loggableUrl('/public/links/eyJwIjoi.abc/survey'), '/public/links/[token]/survey');
    assert.equal(loggableUrl('/public/cases/2026112300001?check=123456'), '/public/cases/2026112300001?check=[redacted]');
    assert.equal(loggableUrl('/api/cases?range=[0,9]'), '/api/cases?range=[0,9]');
  });
});
