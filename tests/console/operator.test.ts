// The operator's desk in Chromium: keyboard intake, the API's field errors in place, caller
// history and duplicate merge, answering directly from the knowledge base, missed calls with
// voicemail playback and call-back, and the incoming-call banner fed by the live call feed.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { AdminApiClient } from '../support/adminApi';
import { screenshot, useConsoleStack } from '../support/console';
import { testPrisma } from '../support/db';
import { newCallSid, newRecordingSid, randomMobile, SimulatedCall, useKnowledgePlayback, useSeatHoursAllDay } from '../support/ivr';
import { waitUntil } from '../support/petitions';
import type { AppDeps } from '../../api/deps';
import { TEST_HOTLINE_NUMBER, TEST_TWILIO_ACCOUNT_SID, TEST_TWILIO_AUTH_TOKEN, testTelephony } from '../support/twilio';
import { intakeFieldErrors, openIntake, registerCaseInUi, registeredCase, typeIntake, type IntakeInput } from './steps/operator';

const caseStatus = async (caseId: string) => (await testPrisma().case.findUnique({ where: { id: caseId }, select: { status: true } }))?.status;

async function waitForStatus(caseId: string, status: string): Promise<void> {
  await waitUntil(async () => (await caseStatus(caseId)) === status).catch(async () => assert.fail(`case ${caseId} is ${await caseStatus(caseId)}, not ${status}`));
}

/** One second of a 440 Hz tone as 16-bit PCM WAV: audio Chromium surely plays. */
function toneWav(): Buffer {
  const rate = 8000;
  const samples = Buffer.alloc(rate * 2);
  for (let i = 0; i < rate; i++) samples.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]);
}

/** Stands for Twilio's RecordingUrl (behind the account's basic auth). */
async function recordingServer(wav: Buffer): Promise<{ url: string; close: () => Promise<void> }> {
  const expected = `Basic ${Buffer.from(`${TEST_TWILIO_ACCOUNT_SID}:${TEST_TWILIO_AUTH_TOKEN}`).toString('base64')}`;
  const server: Server = createServer((req, res) => {
    if (req.headers.authorization !== expected) return void res.writeHead(401).end();
    res.writeHead(200, { 'content-type': 'audio/x-wav', 'content-length': wav.length }).end(wav);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/2010-04-01/Accounts/${TEST_TWILIO_ACCOUNT_SID}/Recordings`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const inputValue = (page: Page, name: string) => page.locator(`[name="${name}"]`).inputValue();

/** A citizen's free-text SMS waiting for an operator, as the inbound SMS webhook keeps it. */
async function smsDraft(body: string): Promise<{ id: string; fromNumber: string }> {
  const draft = { id: `SM${newCallSid().slice(2)}`, fromNumber: randomMobile() };
  await testPrisma().smsMessage.create({ data: { ...draft, messageSid: draft.id, direction: 'inbound', toNumber: TEST_HOTLINE_NUMBER, body, status: 'received', intent: 'intake' } });
  return draft;
}

describe('operator desk (Chromium)', () => {
  // Recordings are downloaded only from the Twilio API base the API's client is configured with:
  // this server stands in for it (started before the API, which reads `overrides` when it starts).
  const overrides: Partial<AppDeps> = {};
  let recordings: Awaited<ReturnType<typeof recordingServer>>;
  before(async () => {
    recordings = await recordingServer(toneWav());
    overrides.twilio = testTelephony(new URL(recordings.url).origin);
  });
  after(async () => {
    await recordings?.close();
  });
  const stack = useConsoleStack(overrides);
  useSeatHoursAllDay();
  // Option 1 straight into the queue: the knowledge list before it is tested in voiceKnowledge.test.ts.
  useKnowledgePlayback(0);
  let api: AdminApiClient;

  before(async () => {
    api = new AdminApiClient(stack.api.url);
    await api.login('operator', 'admin');
  });

  /** A case registered through the API (its row written by the workflow). */
  async function earlierCase(phone: string, title: string): Promise<string> {
    const registered = await api.post('/api/cases', { channel: 'phone', caseTypeCode: 'complaint', title, content: `${title}，请处理。`, citizenPhone: phone }, 'operator');
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const caseId: string = registered.body.caseId;
    await waitUntil(async () => (await caseStatus(caseId)) !== undefined);
    return caseId;
  }

  it('registers a case from the keyboard alone and shows its number and query password', async () => {
    const page = await stack.signedIn('operator');
    const input: IntakeInput = { phone: randomMobile().slice(3), citizenName: '张先生', caseType: '投诉', category: '路灯设施', title: `键盘登记${api.run}`, content: '小区东门路灯坏了一周。', address: '示范市历下区文化路1号', publishConsent: true };
    await openIntake(page);
    assert.equal(await page.locator('input[name="publishConsent"]').isChecked(), false, 'no consent to publish unless the caller gives it');
    await typeIntake(page, input);
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('registered-case-id').waitFor();
    const { caseId, queryPassword } = await registeredCase(page);
    assert.match(caseId, /^\d{8,20}$/);
    assert.match(queryPassword, /^\d{4,}$/);
    await waitForStatus(caseId, 'registered');
    const row = await testPrisma().case.findUniqueOrThrow({ where: { id: caseId }, include: { category: true } });
    assert.deepEqual([row.title, row.citizenPhone, row.citizenName, row.caseTypeCode, row.category?.name, row.address, row.channel, row.publishConsent], [input.title, input.phone, '张先生', 'complaint', '路灯设施', input.address, 'phone', true]);
    await page.getByTestId('open-registered-case').click();
    await page.getByTestId('case-id').filter({ hasText: caseId }).waitFor();
  });

  it('sends the same registration again after its answer was lost, and gets the same case, not a second', async () => {
    const page = await stack.signedIn('operator');
    await openIntake(page);
    const input: IntakeInput = { phone: randomMobile().slice(3), caseType: '投诉', category: '路灯设施', title: `应答丢失${api.run}`, content: '小区路灯不亮。' };
    await typeIntake(page, input);
    const keys: string[] = [];
    let firstStatus = 0;
    await page.route('**/api/cases', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length > 1) return route.continue();
      // The first answer is lost on its way back: the API registered the case, the browser sees a network error.
      try {
        firstStatus = (await route.fetch()).status();
      } finally {
        await route.abort('failed');
      }
    });
    try {
      await page.keyboard.press('Control+Enter');
      // The lost answer is the API's full answer (it may wait up to 10 s for the case to be listed,
      // longer on a loaded machine) before the route drops it.
      await page.getByTestId('intake-failure').waitFor({ timeout: 60_000 }).catch(async (error: Error) => {
        // Says which half failed: the form never sent, or the lost answer never came back.
        const shown = keys.length === 0 ? `; the form shows ${JSON.stringify(await intakeFieldErrors(page))}` : '';
        throw new Error(`${error.message}\n(${keys.length} intake request(s) sent; the first answered ${firstStatus || 'nothing yet'}${shown})`);
      });
      await page.getByTestId('intake-submit').click();
      await page.getByTestId('registered-case-id').waitFor();
    } finally {
      await page.unroute('**/api/cases');
    }
    const { caseId } = await registeredCase(page);
    assert.ok([201, 202].includes(firstStatus), `the lost answer was ${firstStatus}`);
    assert.equal(keys.length, 2);
    assert.match(keys[0]!, /^[0-9a-f]{32}$/);
    assert.equal(keys[1], keys[0], 'the retry is the same action');
    assert.deepEqual((await testPrisma().case.findMany({ where: { title: input.title }, select: { id: true } })).map((c) => c.id), [caseId]);
  });

  it('checks the phone before sending, shows the API’s field error in place and keeps every value', async () => {
    const code = `ui-op-${api.run}`;
    const created = await api.post('/api/categories', { code, name: `临时分类${api.run}`, parentId: null }, 'admin');
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const page = await stack.signedIn('operator');
    await openIntake(page);
    const input: IntakeInput = { phone: '1390000x', caseType: '咨询', category: `临时分类${api.run}`, title: `字段错误${api.run}`, content: '想咨询一件事。' };
    await typeIntake(page, input);
    await page.keyboard.press('Control+Enter');
    await page.getByText('请输入 5–20 位数字，可带 +').waitFor();

    // The category is deactivated while the operator talks: only the API can tell.
    await page.locator('input[name="citizenPhone"]').fill('13900001111');
    assert.equal((await api.put(`/api/categories/${created.body.id}`, { active: false }, 'admin')).status, 200);
    await page.getByTestId('intake-submit').click();
    await page.getByTestId('intake-failure').waitFor();
    await page.getByTestId('picker-categoryId').getByText('该分类不存在或已停用').waitFor(); // the API's field error, in Chinese
    assert.deepEqual(
      [await inputValue(page, 'citizenPhone'), await inputValue(page, 'caseTypeCode'), await inputValue(page, 'categoryId'), await inputValue(page, 'title'), await inputValue(page, 'content')],
      ['13900001111', '咨询', `临时分类${api.run}`, input.title, input.content],
    );
    assert.equal(await testPrisma().case.count({ where: { title: input.title } }), 0);
  });

  it('shows the caller’s earlier case as the phone is typed, and merges the new case into it', async () => {
    // The earlier case kept the number as E.164 (as SMS and the IVR do); the operator types it nationally.
    const e164 = randomMobile();
    const phone = e164.slice(3);
    const earlier = await earlierCase(e164, `早先工单${api.run}`);
    const page = await stack.signedIn('operator');
    await openIntake(page);
    await typeIntake(page, { phone, caseType: '投诉', category: '垃圾清运', title: `又来电${api.run}`, content: '垃圾还是没有清运。' });
    const history = page.getByTestId('caller-history-list').locator(`[data-case-id="${earlier}"]`);
    await history.waitFor();
    assert.match(await history.innerText(), new RegExp(`早先工单${api.run}`));
    assert.equal(await history.locator('[data-status]').getAttribute('data-status'), 'registered');
    await screenshot(page, 'operator-intake');

    await page.keyboard.press('Control+Enter');
    await page.getByTestId('registered-case-id').waitFor();
    const { caseId } = await registeredCase(page);
    const candidate = page.getByTestId('duplicate-candidate').filter({ has: page.locator(`[data-case-id="${earlier}"]`) }).first();
    const mergeSent = page.waitForRequest((request) => request.url().endsWith(`/api/cases/${caseId}/commands/merge`));
    await candidate.getByTestId('merge-into').click();
    assert.match((await mergeSent).headers()['idempotency-key'] ?? '', /^[0-9a-f]{32}$/, 'the command carries its action’s key');
    await page.getByTestId('merged-into').filter({ hasText: earlier }).waitFor();
    await waitForStatus(caseId, 'merged');
  });

  it('answers directly from a knowledge article: the case is registered and closed as answered directly', async () => {
    const page = await stack.signedIn('operator');
    await openIntake(page);
    await typeIntake(page, { phone: randomMobile().slice(3), caseType: '咨询', category: '户籍办理', title: '居住证如何办理', content: '想问一下居住证怎么办理。' });
    const article = page.locator('[data-testid="knowledge-article"][data-article-id="kb-residence-permit"]');
    await article.getByTestId('answer-directly').first().click();
    await page.getByTestId('answered-directly').waitFor();
    const { caseId } = await registeredCase(page);
    await waitForStatus(caseId, 'answeredDirectly');
  });

  it('lists a voicemail, plays it, marks the call-back and offers the intake form with the number', async () => {
    const from = randomMobile();
    const callSid = newCallSid();
    // The caller heard an answer of the knowledge base on the phone before the queue, then left a message.
    await testPrisma().call.create({ data: { id: callSid, callSid, direction: 'inbound', purpose: 'voicemail', fromNumber: from, toNumber: TEST_HOTLINE_NUMBER, status: 'completed', startedAt: new Date(), needsCallback: true, ivrPath: 'knowledge:kb-residence-permit>operator>voicemail' } });
    const recordingSid = newRecordingSid();
    const stored = await new SimulatedCall(stack.api.url, from).post('/telephony/voice/recording-status', { CallSid: callSid, RecordingSid: recordingSid, RecordingUrl: `${recordings.url}/${recordingSid}`, RecordingStatus: 'completed', RecordingDuration: '1' });
    assert.equal(stored.status, 204);

    const page = await stack.signedIn('operator');
    await page.goto(new URL('#/missed-calls', page.url()).href);
    const row = page.locator(`[data-testid="missed-call"][data-call-id="${callSid}"]`);
    await row.waitFor();
    assert.match(await row.innerText(), /语音留言/);
    assert.equal(await row.getByTestId('heard-knowledge').innerText(), '已收听知识库解答');
    await row.getByTestId('play-voicemail').click();
    const audio = row.getByTestId('voicemail-audio');
    await audio.waitFor();
    // Loaded from the object URL: the player knows the recording's length (1 s).
    await page.waitForFunction(`(() => { const a = document.querySelector('[data-call-id="${callSid}"] audio'); return a !== null && a.readyState >= 1 && a.duration > 0.9; })()`, undefined, { timeout: 10_000 });

    await row.getByTestId('mark-called-back').click();
    await page.getByTestId('called-back').filter({ hasText: from }).waitFor();
    await row.waitFor({ state: 'detached' });
    assert.equal((await testPrisma().call.findUniqueOrThrow({ where: { id: callSid } })).needsCallback, false);
    await page.getByTestId('register-from-call').click();
    await page.getByTestId('intake-submit').waitFor();
    assert.equal(await inputValue(page, 'citizenPhone'), from);
  });

  it('registers one SMS as a case and dismisses another', async () => {
    const kept = await smsDraft(`我家附近的路灯不亮了${api.run}`);
    const spam = await smsDraft(`谢谢${api.run}`);
    const page = await stack.signedIn('operator');
    await page.goto(new URL('#/sms-drafts', page.url()).href);
    const keptRow = page.locator(`[data-testid="sms-draft"][data-draft-id="${kept.id}"]`);
    await keptRow.getByTestId('register-sms').click();
    await page.getByRole('dialog').locator('input[name="title"]').fill(`短信登记${api.run}`);
    await page.getByRole('dialog').locator('input[name="caseTypeCode"]').fill('投诉');
    await page.keyboard.press('Enter');
    await page.getByTestId('register-sms-submit').click();
    await page.getByTestId('registered-case-id').waitFor();
    const { caseId } = await registeredCase(page);
    const registered = await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } });
    assert.deepEqual([registered.channel, registered.citizenPhone, registered.content, registered.title], ['sms', kept.fromNumber, `我家附近的路灯不亮了${api.run}`, `短信登记${api.run}`]);
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await keptRow.waitFor({ state: 'detached' });

    const spamRow = page.locator(`[data-testid="sms-draft"][data-draft-id="${spam.id}"]`);
    await spamRow.getByTestId('dismiss-sms').click();
    await page.getByTestId('dismiss-sms-submit').click();
    await page.getByRole('dialog').getByText(/必填|required/i).waitFor();
    await page.getByRole('dialog').locator('input[name="reason"]').fill('致谢短信，无诉求');
    await page.getByTestId('dismiss-sms-submit').click();
    await spamRow.waitFor({ state: 'detached' });
    assert.ok((await testPrisma().smsMessage.findUniqueOrThrow({ where: { id: spam.id } })).dismissedAt);
  });

  it('registers an SMS marked 【保密】 as a confidential case, the mark left out of the content', async () => {
    const text = `小区门口垃圾三天没人清运${api.run}`;
    const marked = await smsDraft(`【保密】${text}`);
    const page = await stack.signedIn('operator');
    await page.goto(new URL('#/sms-drafts', page.url()).href);
    const row = page.locator(`[data-testid="sms-draft"][data-draft-id="${marked.id}"]`);
    await row.getByTestId('sms-draft-confidential').waitFor();
    await row.getByTestId('register-sms').click();
    await page.getByTestId('register-sms-confidential').waitFor();
    assert.equal(await page.getByRole('dialog').locator('textarea[name="content"]').inputValue(), text);
    await page.getByRole('dialog').locator('input[name="title"]').fill(`保密短信${api.run}`);
    await page.getByRole('dialog').locator('input[name="caseTypeCode"]').fill('投诉');
    await page.keyboard.press('Enter');
    await page.getByTestId('register-sms-submit').click();
    await page.getByTestId('registered-case-id').waitFor();
    const { caseId } = await registeredCase(page);
    const registered = await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } });
    assert.deepEqual([registered.channel, registered.content, registered.confidential], ['sms', text, true]);
  });

  it('shows a ringing call with the caller’s earlier case above the home page and opens the intake form pre-filled', async () => {
    const from = randomMobile();
    const earlier = await earlierCase(from, `来电历史${api.run}`);
    // Work waiting on the home page: a missed call and an SMS.
    const missedSid = newCallSid();
    await testPrisma().call.create({ data: { id: missedSid, callSid: missedSid, direction: 'inbound', purpose: 'intake', fromNumber: randomMobile(), toNumber: TEST_HOTLINE_NUMBER, status: 'completed', startedAt: new Date(), queueName: 'operators', queuedAt: new Date(), needsCallback: true } });
    await smsDraft(`楼道里堆满杂物，存在消防隐患${api.run}`);
    const page = await stack.signedIn('operator');
    await page.getByTestId('home-new-case').waitFor();
    await page.locator(`[data-testid="home-missedCalls"] [data-call-id="${missedSid}"]`).filter({ hasText: '排队时挂断' }).waitFor();
    assert.notEqual(await page.getByTestId('home-smsDrafts-total').innerText(), '0');
    // The banner follows the live feed once it is connected.
    await page.locator('[data-testid="incoming-calls"][data-feed="connected"]').waitFor({ state: 'attached' });

    const call = new SimulatedCall(stack.api.url, from);
    await call.answer(await call.incoming(), { Digits: '1' });
    const banner = page.locator(`[data-testid="incoming-call"][data-call-id="${call.callSid}"]`);
    await banner.waitFor({ timeout: 15_000 });
    assert.match(await banner.innerText(), new RegExp(from.replace('+', '\\+')));
    await banner.locator(`[data-case-id="${earlier}"]`).waitFor();
    await screenshot(page, 'operator-home');

    await banner.getByTestId('incoming-call-register').click();
    await page.getByTestId('intake-submit').waitFor();
    assert.equal(await inputValue(page, 'citizenPhone'), from);
    await page.getByTestId('caller-history-list').locator(`[data-case-id="${earlier}"]`).waitFor();

    await call.post('/telephony/voice/status', { CallStatus: 'completed', CallDuration: '30' });
    await banner.waitFor({ state: 'detached' });
  });
});
