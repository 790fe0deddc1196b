// Stuck cases in Chromium, against the real stack: a case whose projection write PostgreSQL
// refuses (a CHECK constraint on urges carrying a marker) is taken by the dispatcher's urge
// with a "pending" notice, shows on the admin's home (banner, status card) and in the
// stuck-cases screen; once the constraint is dropped the admin retries it with a reason and
// it leaves the list, while a retry of a step that recovered meanwhile is refused in place.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { AdminApiClient, listQuery } from '../support/adminApi';
import { screenshot, useConsoleStack } from '../support/console';
import { asSuperuser, testPrisma } from '../support/db';
import { waitUntil } from '../support/petitions';
import { openCase, openCommandDialog } from './steps/casePage';

const MARKER = 'STUCK-CONSOLE-MARKER';
const CONSTRAINT = 'test_stuck_console_marker';

describe('stuck cases (Chromium)', () => {
  const stack = useConsoleStack();
  let api: AdminApiClient;

  before(async () => {
    api = new AdminApiClient(stack.api.url);
    await api.login('operator', 'dispatcher', 'admin');
  });

  // Whatever happens, the constraint goes, and nothing this file made stays stuck for the
  // files after it (the run's database is shared; /healthz would stay degraded).
  after(async () => {
    await asSuperuser(`ALTER TABLE "Urge" DROP CONSTRAINT IF EXISTS ${CONSTRAINT}`);
    if (api && (await testPrisma().stuckStep.count({ where: { resolvedAt: null } })) > 0) {
      await api.post('/api/stuck-cases/retry', { reason: 'test cleanup after the constraint was dropped' }, 'admin');
    }
  });

  /** A dispatched case, visible in the projection: urging it writes an "Urge" row. */
  const dispatchedCase = async (title: string): Promise<string> => {
    const registered = await api.post('/api/cases', { channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: `${title}${api.run}`, content: '解放路夜市占道经营，影响通行。', citizenPhone: '13911116666' }, 'operator');
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const caseId: string = registered.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    const dispatched = await api.post(`/api/cases/${caseId}/commands/dispatch`, { leadUnitId: 'chengguan' }, 'dispatcher');
    assert.equal(dispatched.status, 200, JSON.stringify(dispatched.body));
    return caseId;
  };

  const openStep = async (caseId: string) => testPrisma().stuckStep.findFirst({ where: { caseId, resolvedAt: null } });
  const rowOf = (page: Page, caseId: string) => page.getByRole('row').filter({ hasText: caseId });

  it('shows a stuck case on the home page and in the list, and retries it with a reason once the cause is fixed', async () => {
    const [urgedInUi, urgedByApi] = [await dispatchedCase('卡住的催办'), await dispatchedCase('卡住的催办二')];
    await asSuperuser(`ALTER TABLE "Urge" ADD CONSTRAINT ${CONSTRAINT} CHECK (reason NOT LIKE '%${MARKER}%') NOT VALID`);

    // The dispatcher's urge is taken, and the dialog says the record will follow.
    const dispatcher = await stack.signedIn('dispatcher');
    await openCase(dispatcher, urgedInUi);
    const urge = await openCommandDialog(dispatcher, 'urge');
    await urge.locator('[name="reason"]').fill(`市民再次来电 ${MARKER}`);
    await urge.locator('button[type="submit"]').click();
    await urge.waitFor({ state: 'hidden' });
    await dispatcher.getByText('已受理：催办。但该工单的记录暂时写不进数据库').waitFor();
    await screenshot(dispatcher, 'stuck-urge-pending');
    const second = await api.post(`/api/cases/${urgedByApi}/commands/urge`, { reason: `请尽快处理 ${MARKER}` }, 'dispatcher');
    assert.equal(second.status, 202, JSON.stringify(second.body));
    await waitUntil(async () => (await openStep(urgedInUi)) !== null && (await openStep(urgedByApi)) !== null, 60_000);

    // The admin's home: the banner and the status card, in Chinese, with the oldest stuck step.
    const health = (await (await fetch(`${stack.api.url}/healthz`)).json()) as { status: string; checks: Record<string, { ok: boolean; count?: number }> };
    assert.equal(health.status, 'degraded');
    const admin = await stack.signedIn('admin');
    const banner = admin.getByTestId('stuck-cases-warning');
    await banner.getByText('有工单卡住').waitFor();
    assert.match(await banner.innerText(), /\d+ 个写入步骤失败，等待重试；最早的是工单 \d+（写入工单记录），自 .+ 起/);
    assert.match(await admin.getByTestId('health-stuck-cases').innerText(), new RegExp(`^${health.checks.stuckCases!.count} 个写入步骤失败`));
    // Only the stuck cases failing: the desk works, the chip asks for attention rather than saying it is down.
    const dependenciesOk = ['postgres', 'temporal', 'calendar'].every((name) => health.checks[name]!.ok);
    assert.equal(await admin.getByTestId('health-status').innerText(), dependenciesOk ? '运行正常，有待处理的问题' : '部分服务异常');
    await screenshot(admin, 'stuck-admin-home');

    // The screen, opened from the banner: each case with its step, how it retries, the error.
    await banner.getByRole('link', { name: '查看卡住的工单' }).click();
    const first = rowOf(admin, urgedInUi);
    await first.waitFor();
    assert.ok(await first.getByRole('link', { name: urgedInUi }).isVisible(), 'a projected case links to its page');
    await first.getByText('写入工单记录').waitFor();
    assert.equal(await first.getByTestId('retry-mode').innerText(), '等待人工重试');
    assert.match(await first.getByTestId('error-message').innerText(), new RegExp(CONSTRAINT));
    await rowOf(admin, urgedByApi).waitFor();
    await screenshot(admin, 'stuck-cases-list');

    // Supervisors read the list; only admins retry.
    const supervisor = await stack.signedIn('supervisor');
    await supervisor.goto(`${stack.api.url}/#/stuck-cases`);
    await rowOf(supervisor, urgedInUi).waitFor();
    assert.equal(await supervisor.getByTestId('retry-step').count(), 0);
    assert.equal(await supervisor.getByTestId('retry-all').count(), 0);

    await asSuperuser(`ALTER TABLE "Urge" DROP CONSTRAINT ${CONSTRAINT}`);

    // A step that recovers while its dialog is open: the retry is refused in place, the dialog stays.
    await rowOf(admin, urgedByApi).getByTestId('retry-step').click();
    const refused = admin.getByRole('dialog');
    await refused.getByRole('heading', { name: `重试工单 ${urgedByApi} 卡住的步骤` }).waitFor();
    const byApi = await openStep(urgedByApi);
    assert.equal((await api.post(`/api/stuck-cases/${encodeURIComponent(byApi!.id)}/retry`, { reason: '另一位管理员已重试' }, 'admin')).status, 202);
    await waitUntil(async () => (await openStep(urgedByApi)) === null, 30_000);
    await refused.getByLabel(/^重试原因/).fill('约束已删除');
    await refused.getByRole('button', { name: '重试' }).click();
    await refused.getByTestId('form-refusal').filter({ hasText: '该步骤已经恢复，无需重试' }).waitFor();
    await refused.getByRole('button', { name: '取消' }).click();
    await refused.waitFor({ state: 'detached' });

    // The retry through the screen: a reason first, then the case catches up and leaves the list.
    const step = await openStep(urgedInUi);
    await first.getByTestId('retry-step').click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByRole('button', { name: '重试' }).click();
    await dialog.getByText('必填').waitFor();
    await dialog.getByLabel(/^重试原因/).fill('约束 test_stuck_console_marker 已删除');
    await dialog.getByRole('button', { name: '重试' }).click();
    await dialog.waitFor({ state: 'detached' });
    await first.waitFor({ state: 'detached', timeout: 30_000 });
    await rowOf(admin, urgedByApi).waitFor({ state: 'detached' });

    const caught = await testPrisma().case.findUniqueOrThrow({ where: { id: urgedInUi } });
    assert.equal(caught.urgeCount, 1, 'the urge taken while stuck is in the projection');
    const retries = await testPrisma().auditEvent.findMany({ where: { entityType: 'stuckStep', entityId: step!.id }, select: { action: true, actorId: true, reason: true } });
    assert.deepEqual(retries, [{ action: 'stuckStepRetried', actorId: 'user-admin', reason: '约束 test_stuck_console_marker 已删除' }]);
    const stillOpen = await api.get(`/api/stuck-cases${listQuery({ filter: { caseId: urgedInUi } })}`, 'admin');
    assert.deepEqual(stillOpen.body, []);

    // Recovered steps stay visible on demand, with the time they recovered.
    await admin.getByRole('switch', { name: '显示已恢复的' }).check();
    await admin.getByTestId('retry-all').waitFor({ state: 'detached' });
    // Newest first: earlier runs' recovered steps may share this database.
    await admin.getByRole('button', { name: '卡住时间' }).click();
    const recovered = rowOf(admin, urgedInUi);
    await recovered.waitFor();
    assert.equal(await recovered.getByTestId('retry-step').count(), 0);
    await screenshot(admin, 'stuck-cases-recovered');
  });

  it('names a poll campaign’s stuck step by the poll, and a retry of a poll whose workflow is gone takes it off the list', async () => {
    await api.login('supervisor');
    const title = `卡住的民意调查${api.run}`;
    const created = await api.post('/api/polls', { title, questions: [{ prompt: '满意请按1，不满意请按2。', choices: [{ key: '1', label: '满意' }, { key: '2', label: '不满意' }] }], targets: { numbers: ['13911117777'] } }, 'supervisor');
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const pollId: string = created.body.id;
    // The row a poll's step guard writes (its real path, from a refused write, is in
    // tests/telephony/pollCampaign.test.ts); this draft has no workflow, so a retry finds none.
    const stepId = `poll:${pollId}:poll`;
    const now = new Date();
    await testPrisma().stuckStep.create({
      data: { id: stepId, workflowId: `poll:${pollId}`, caseId: null, pollCampaignId: pollId, step: 'poll', permanent: true, errorType: 'PermanentActivityFailure', errorMessage: '23514: PollTarget: new row violates check constraint', attempts: 1, firstFailedAt: now, lastFailedAt: now },
    });
    try {
      const admin = await stack.signedIn('admin');
      await admin.goto(`${stack.api.url}/#/stuck-cases`);
      const row = admin.getByRole('row').filter({ hasText: title });
      await row.waitFor();
      const link = row.getByRole('link', { name: `民意调查 ${title}` });
      assert.equal(await link.getAttribute('href'), '#/polls');
      await row.getByText('记录民意调查').waitFor();
      await screenshot(admin, 'stuck-cases-poll');

      await row.getByTestId('retry-step').click();
      const dialog = admin.getByRole('dialog');
      await dialog.getByRole('heading', { name: `重试民意调查 ${title} 卡住的步骤` }).waitFor();
      await dialog.getByLabel(/^重试原因/).fill('调查工作流已结束');
      await dialog.getByRole('button', { name: '重试' }).click();
      await dialog.getByTestId('form-refusal').filter({ hasText: '该工作流已结束，没有可重试的步骤' }).waitFor();
      assert.notEqual((await testPrisma().stuckStep.findUniqueOrThrow({ where: { id: stepId } })).resolvedAt, null, 'off the list');
      const closed = await testPrisma().auditEvent.findMany({ where: { entityType: 'stuckStep', entityId: stepId }, select: { action: true, payload: true } });
      assert.deepEqual(closed.map((e) => [e.action, (e.payload as { pollCampaignId?: string }).pollCampaignId]), [['stuckStepClosed', pollId]]);
    } finally {
      await testPrisma().stuckStep.updateMany({ where: { id: stepId, resolvedAt: null }, data: { resolvedAt: new Date() } });
    }
  });
});
