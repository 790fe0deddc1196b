// 联系市民 in Chromium: the lead unit's handler opens the case, the dialog offers the phone on
// their profile, and the call runs through the local Twilio endpoint (the API's `twilio` client
// points at it): it appears in 通话与录音 with its outcome and recording, and the page never
// shows the citizen's number. The dispatcher, who handles no assignment, gets no button.
import assert from 'node:assert/strict';
import { createLogger } from '../../config/logger';
import { startLocalTwilio, type LocalTwilio } from '../../dev/localTwilio';
import type { AppDeps } from '../../api/deps';
import { AdminApiClient } from '../support/adminApi';
import { screenshot, settled, useConsoleStack } from '../support/console';
import { testPrisma } from '../support/db';
import { waitUntil } from '../support/petitions';
import { TEST_HOTLINE_NUMBER, TEST_TWILIO_ACCOUNT_SID, TEST_TWILIO_AUTH_TOKEN, testTelephony } from '../support/twilio';
import { openCase } from './steps/casePage';

const HANDLER_PHONE = '+8613800000177';
const CITIZEN_NATIONAL = '13922227777';

describe('calling the citizen from the case page (Chromium)', () => {
  const overrides: Partial<AppDeps> = {};
  let local: LocalTwilio;
  before(async () => {
    local = await startLocalTwilio({ port: 0, accountSid: TEST_TWILIO_ACCOUNT_SID, authToken: TEST_TWILIO_AUTH_TOKEN, numbers: [TEST_HOTLINE_NUMBER], timing: { pauseScale: 0.01 }, log: createLogger('local-twilio-console', 'silent') });
    overrides.twilio = testTelephony(local.url);
  });
  const stack = useConsoleStack(overrides);
  // The suite's own database is chosen in a hook: read it when used.
  const db = () => testPrisma();
  let original: unknown;
  /** The seeded handler's phone, put back after: later suites text them. */
  let originalPhone: string | null = null;

  before(async () => {
    original = (await db().ruleSetting.findUniqueOrThrow({ where: { key: 'bridgeCall.hours' } })).value;
    await db().ruleSetting.update({ where: { key: 'bridgeCall.hours' }, data: { value: { start: '00:00', end: '24:00', timeZone: 'Asia/Shanghai' } } });
    originalPhone = (await db().user.findUniqueOrThrow({ where: { id: 'user-handler' } })).phone;
    await db().user.update({ where: { id: 'user-handler' }, data: { phone: HANDLER_PHONE } });
  });
  after(async () => {
    await db().ruleSetting.update({ where: { key: 'bridgeCall.hours' }, data: { value: original as never } });
    await db().user.update({ where: { id: 'user-handler' }, data: { phone: originalPhone } });
    await local?.close();
  });

  it('places the call from the dialog; the call shows in 通话与录音 with its outcome and recording, never the citizen’s number', async () => {
    const api = new AdminApiClient(stack.api.url);
    await api.login('operator', 'dispatcher');
    const registered = await api.post('/api/cases', { channel: 'phone', caseTypeCode: 'complaint', title: `联系市民${api.run}`, content: '小区夜间施工噪音扰民。', citizenPhone: CITIZEN_NATIONAL }, 'operator');
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const caseId: string = registered.body.caseId;
    await waitUntil(async () => (await db().case.findUnique({ where: { id: caseId } })) !== null);
    assert.equal((await api.post(`/api/cases/${caseId}/commands/dispatch`, { leadUnitId: 'chengguan', assistUnitIds: [] }, 'dispatcher')).status, 200);
    local.scriptPhone(HANDLER_PHONE, { answer: 'answer' });
    local.scriptPhone(`+86${CITIZEN_NATIONAL}`, { answer: 'answer', talkMs: 1200 });

    const dispatcher = await stack.signedIn('dispatcher');
    await openCase(dispatcher, caseId);
    assert.equal(await dispatcher.getByTestId('bridge-call-open').count(), 0, 'no assignment, no button');

    const handler = await stack.signedIn('handler');
    await openCase(handler, caseId);
    // Named apart from 记录联系市民 (a contact made otherwise), which sits near it.
    assert.equal((await handler.getByTestId('bridge-call-open').innerText()).trim(), '电话联系市民（隐号）');
    assert.match(await handler.getByTestId('bridge-call-hint').innerText(), /记录联系市民/);
    await handler.getByTestId('bridge-call-open').click();
    const phone = handler.getByTestId('bridge-call-phone');
    await waitUntil(async () => (await phone.inputValue()) === HANDLER_PHONE);
    await handler.getByTestId('bridge-call-reason').fill('核实施工时间');
    await handler.getByTestId('bridge-call-send').click();
    await handler.getByRole('dialog').waitFor({ state: 'detached' });

    const placed = await waitUntilCall(caseId);
    await local.waitForCall(placed);
    await waitUntil(async () => (await db().recording.count({ where: { callId: placed } })) === 1);
    await openCase(handler, caseId);
    const row = handler.locator(`[data-testid="case-call"][data-call-id="${placed}"]`);
    await row.getByTestId('case-call-dial').filter({ hasText: /已通话 \d+ 秒/ }).waitFor();
    await row.getByTestId('play-case-recording').waitFor();
    await settled(handler);
    await screenshot(handler, 'bridge-call-case-page');
    const text = await handler.locator('body').innerText();
    assert.ok(!text.replace(/[\s-]/g, '').includes(CITIZEN_NATIONAL), 'the page shows the citizen’s number');
  });

  async function waitUntilCall(caseId: string): Promise<string> {
    let sid = '';
    await waitUntil(async () => {
      sid = (await db().call.findFirst({ where: { caseId, purpose: 'bridge' }, select: { id: true } }))?.id ?? '';
      return sid !== '';
    });
    return sid;
  }
});
