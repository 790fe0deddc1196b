// The console's shell in Chromium: every role signs in to its own work queue and menu, the
// lists show the light and the working time left, and the language switches to English.
import assert from 'node:assert/strict';
import { AdminApiClient } from '../support/adminApi';
import { screenshot, settled, useConsoleStack } from '../support/console';
import { testPrisma } from '../support/db';
import { waitUntil } from '../support/petitions';

const ROLE_USERS = ['operator', 'dispatcher', 'handler', 'leader', 'supervisor', 'auditor', 'admin'] as const;

describe('console shell (Chromium)', () => {
  const stack = useConsoleStack();

  it('signs each role in to its own home page and menu, in Chinese', async () => {
    // Work in the queues, so that the home pages' screenshots show some: one case to dispatch, one to sign for.
    const api = new AdminApiClient(stack.api.url);
    await api.login('operator', 'dispatcher');
    const registered = await Promise.all(['夜间施工噪音扰民', '人行道井盖破损'].map(async (title) => (await api.post('/api/cases', { channel: 'phone', caseTypeCode: 'complaint', title, content: `${title}，请尽快处理。`, citizenPhone: '13911113333' }, 'operator')).body.caseId as string));
    await waitUntil(async () => (await testPrisma().case.count({ where: { id: { in: registered } } })) === registered.length);
    assert.equal((await api.post(`/api/cases/${registered[1]}/commands/dispatch`, { leadUnitId: 'chengguan' }, 'dispatcher')).status, 200);

    const menus: Record<string, string[]> = {};
    for (const username of ROLE_USERS) {
      const page = await stack.signedIn(username);
      await settled(page);
      menus[username] = await page.locator('.RaSidebar-fixed a').allInnerTexts();
      await screenshot(page, `home-${username}`);
    }
    assert.ok(menus.dispatcher!.includes('工单列表'), JSON.stringify(menus.dispatcher));
    assert.ok(!menus.operator!.includes('系统状态'), 'operators have no system status page');
    assert.ok(menus.admin!.includes('系统状态'));
    for (const reader of ['supervisor', 'auditor', 'admin']) assert.ok(menus[reader]!.includes('卡住的工单'), `${reader} reads the stuck cases`);
    assert.ok(!menus.dispatcher!.includes('卡住的工单'), 'desks do not');
  });

  it('queues a dispatched case for its unit with the light and the working time left to sign for', async () => {
    const api = new AdminApiClient(stack.api.url);
    await api.login('operator', 'dispatcher');
    const title = `壳层队列${api.run}`;
    const registered = await api.post('/api/cases', { channel: 'phone', caseTypeCode: 'complaint', title, content: '小区门口路灯不亮。', citizenPhone: '13911112222' }, 'operator');
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const caseId: string = registered.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    const dispatched = await api.post(`/api/cases/${caseId}/commands/dispatch`, { leadUnitId: 'chengguan' }, 'dispatcher');
    assert.equal(dispatched.status, 200, JSON.stringify(dispatched.body));

    const page = await stack.signedIn('handler');
    const row = page.getByTestId('queue-toSignFor').getByRole('row', { name: new RegExp(title) });
    await row.waitFor();
    // Signing for takes one working day from receipt: the due day is the next working day.
    assert.equal(await row.getByTestId('time-left').innerText(), '剩 1 个工作日');
    assert.equal(await row.locator('[data-warning]').getAttribute('data-warning'), 'green');
    await row.click();
    await page.getByTestId('case-id').filter({ hasText: caseId }).waitFor();
  });

  it('refreshes a session about to expire once for all the requests that need it, and stays signed in', async () => {
    const page = await stack.signedIn('dispatcher');
    await settled(page);
    // Page-side code as strings: the test project has no DOM types.
    const storedRefreshToken = () => page.evaluate<string>("JSON.parse(localStorage.getItem('hotline.session')).refreshToken");
    const before = await storedRefreshToken();
    await page.evaluate("(() => { const s = JSON.parse(localStorage.getItem('hotline.session')); s.expiresAt = Date.now() + 10000; localStorage.setItem('hotline.session', JSON.stringify(s)); })()");
    const refreshes: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/auth/refresh') refreshes.push(request.method());
    });
    // The app bar's refresh reloads the six queues at once, each through the data provider.
    await page.getByRole('button', { name: '刷新' }).click();
    await waitUntil(async () => (await storedRefreshToken()) !== before);
    await settled(page);
    assert.deepEqual(refreshes, ['POST'], 'one exchange of the single-use refresh token');
    await page.getByTestId('queue-toDispatch').waitFor();
    assert.ok(!page.url().includes('/login'), 'still signed in');
  });

  it('switches to English and keeps it', async () => {
    const page = await stack.signedIn('operator');
    await page.getByRole('button', { name: /语言|Language|中文/ }).first().click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: /Hello/ }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: /Hello/ }).waitFor();
  });
});
