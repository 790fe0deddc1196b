// The supervisor's console in Chromium against the real stack: the warning board groups a red
// case (and one past due whose alarm has not run) under its lead unit, deadlines are overridden
// (a missing reason is shown in place, the values kept), supervision notices issued, answered by
// the unit and evaluated, a third return arbitrated, and an extension beyond the cap decided.
import assert from 'node:assert/strict';
import type { WorkflowHandle } from '@temporalio/client';
import { AdminApiClient } from '../support/adminApi';
import { screenshot, useConsoleStack } from '../support/console';
import { testPrisma } from '../support/db';
import { actors } from '../support/lifecycle';
import { waitUntil } from '../support/petitions';
import { insertProjectedCase } from '../support/cases';
import { OPEN_WITH_LEAD } from '../../rules/vocabulary';
import { openCase, openCommandDialog, submitDialog } from './steps/casePage';
import { overrideDeadlineInUi, superviseInUi } from './steps/supervisor';

/** 'YYYY-MM-DD HH:mm' in Shanghai time, `days` from now (China keeps no daylight saving time). */
const shanghaiMinute = (days: number): string => {
  const shifted = new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000);
  return shifted.toISOString().slice(0, 16).replace('T', ' ');
};
const shanghaiToMs = (minute: string) => Date.parse(`${minute.replace(' ', 'T')}:00+08:00`);

interface ClockView { key: string; name: string; overrideDueAt: number | null; dueAt: number }

describe('supervisor console (Chromium)', () => {
  const stack = useConsoleStack();
  const client = () => new AdminApiClient(stack.api.url);
  let api: AdminApiClient;

  before(async () => {
    api = client();
    await api.login('supervisor');
  });

  const dispatchedCase = async (title: string): Promise<WorkflowHandle> => {
    const handle = await stack.h.register({ title });
    await stack.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    return handle;
  };

  const clocksOf = async (caseId: string): Promise<ClockView[]> => (await api.get(`/api/cases/${caseId}/state`, 'supervisor')).body.state.clocks;

  it('shows a red case on the board under its lead unit, with the unit’s count and the escalation level', async () => {
    const title = `督办看板超期${api.run}`;
    const handle = await dispatchedCase(title);
    await stack.h.command(handle, 'signFor', {}, actors.leadHandler);
    // The cheapest real way to red: move the handling deadline to a moment just ahead and let the workflow's alarm fire.
    const moved = await api.post(`/api/cases/${handle.workflowId}/commands/overrideDeadline`, { clockKey: 'handle', dueAt: new Date(Date.now() + 2_000).toISOString(), reason: '测试：即将超期' }, 'supervisor');
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: handle.workflowId } }))?.warningLevel === 'red', 30_000);
    const row = (await testPrisma().case.findUnique({ where: { id: handle.workflowId } }))!;
    // A case past its deadline whose alarm has not run yet (as for minutes after a midnight when
    // thousands of deadlines end): its row still green, the board shows it red all the same.
    const waitingForAlarm = await insertProjectedCase(testPrisma(), { leadUnitId: 'chengguan', title: `督办看板待告警${api.run}`, warningLevel: 'green', handleDueAt: new Date(Date.now() - 60_000), nextDueAt: new Date(Date.now() - 60_000) });
    const redInUnit = await testPrisma().case.count({ where: { leadUnitId: 'chengguan', status: { in: [...OPEN_WITH_LEAD] }, OR: [{ warningLevel: 'red' }, { nextDueAt: { lt: new Date() } }] } });
    // Past its yellow point, the yellow alarm still to run: yellow on the board.
    const yellowByClock = await insertProjectedCase(testPrisma(), { leadUnitId: 'chengguan', title: `督办看板待黄灯${api.run}`, warningLevel: 'green', handleDueAt: new Date(Date.now() + 86_400_000), nextDueAt: new Date(Date.now() + 86_400_000), nextYellowAt: new Date(Date.now() - 60_000) });

    const page = await stack.signedIn('supervisor');
    const unit = page.getByTestId('board-unit-chengguan');
    const entry = unit.getByTestId(`board-case-${handle.workflowId}`);
    await entry.waitFor();
    assert.equal(await entry.getAttribute('data-warning'), 'red');
    assert.equal(await unit.getByTestId(`board-case-${waitingForAlarm}`).getAttribute('data-warning'), 'red');
    assert.equal(await unit.getByTestId(`board-case-${yellowByClock}`).getAttribute('data-warning'), 'yellow');
    assert.equal(await unit.getByTestId('board-unit-red').innerText(), `超期 ${redInUnit}`);
    assert.equal(await entry.locator('[data-escalation]').getAttribute('data-escalation'), String(row.escalationLevel));
    await screenshot(page, 'supervisor-board');
    await entry.getByRole('link', { name: title }).click();
    await page.getByTestId('case-id').filter({ hasText: handle.workflowId }).waitFor();
  });

  it('overrides a deadline: a missing reason is shown on its input with the values kept, then the new deadline holds', async () => {
    const handle = await dispatchedCase(`调整时限${api.run}`);
    const caseId = handle.workflowId;
    const page = await stack.signedIn('supervisor');
    await openCase(page, caseId);
    const dialog = await openCommandDialog(page, 'overrideDeadline');
    const dueAt = shanghaiMinute(3);
    await dialog.locator('input[name="dueAt"]').fill(dueAt.replace(' ', 'T'));
    await assert.rejects(submitDialog(page.getByRole('dialog')), /the dialog did not go through/);
    const reason = dialog.locator('textarea[name="reason"]');
    assert.equal(await reason.getAttribute('aria-invalid'), 'true');
    assert.equal(await dialog.locator('input[name="dueAt"]').inputValue(), dueAt.replace(' ', 'T'), 'the typed deadline is kept');
    assert.equal((await clocksOf(caseId)).find((c) => c.key === 'handle')!.overrideDueAt, null, 'nothing was sent');

    await reason.fill('市民诉求复杂，需协调多部门');
    await submitDialog(page.getByRole('dialog'));
    assert.equal((await clocksOf(caseId)).find((c) => c.key === 'handle')!.overrideDueAt, shanghaiToMs(dueAt));
    await waitUntil(async () => (await testPrisma().auditEvent.count({ where: { caseId, action: 'deadlineOverridden' } })) > 0);
    const audit = await testPrisma().auditEvent.findFirst({ where: { caseId, action: 'deadlineOverridden' } });
    assert.equal(audit?.reason, '市民诉求复杂，需协调多部门');

    const signForDue = shanghaiMinute(1);
    await overrideDeadlineInUi(page, caseId, { clock: 'signFor', dueAt: signForDue, reason: '单位系统故障，延长签收' });
    assert.equal((await clocksOf(caseId)).find((c) => c.name === 'signFor')!.overrideDueAt, shanghaiToMs(signForDue));
  });

  it('issues a supervision notice to the lead unit', async () => {
    const handle = await dispatchedCase(`督办通知${api.run}`);
    const page = await stack.signedIn('supervisor');
    await superviseInUi(page, handle.workflowId, { content: '请于三日内办结并反馈', level: 2 });
    // The projection follows the workflow's answer.
    await waitUntil(async () => (await testPrisma().supervisionNotice.count({ where: { caseId: handle.workflowId } })) > 0);
    const notices = await testPrisma().supervisionNotice.findMany({ where: { caseId: handle.workflowId } });
    assert.deepEqual(notices.map((n) => [n.content, n.level, n.unitId]), [['请于三日内办结并反馈', 2, 'chengguan']]);
  });

  it('the unit answers a supervision notice in its dialog; the office finds the reply in its queue and evaluates it (not accepted needs a comment)', async () => {
    const handle = await dispatchedCase(`督办答复${api.run}`);
    const caseId = handle.workflowId;
    await stack.h.command(handle, 'signFor', {}, actors.leadHandler);
    const supervised = await stack.h.command(handle, 'supervise', { content: '请两日内报告占道整治进展' }, actors.supervisor);
    const noticeId = supervised.supervisionNotices![0]!.id;

    const unitPage = await stack.signedIn('handler');
    await openCase(unitPage, caseId);
    const answer = await openCommandDialog(unitPage, 'answerSupervision');
    await answer.locator(`[data-notice-id="${noticeId}"]`).getByText('请两日内报告占道整治进展', { exact: false }).waitFor();
    await answer.getByText('逾期未答复的督办将升级', { exact: false }).waitFor();
    await answer.locator('textarea[name="reply"]').fill('已约谈摊主，限期三日内整改到位');
    await screenshot(unitPage, 'department-answer-supervision-dialog');
    await submitDialog(unitPage.getByRole('dialog'));
    await waitUntil(async () => (await testPrisma().supervisionNotice.findUniqueOrThrow({ where: { id: noticeId } })).replyStatus === 'answered');
    await unitPage.getByTestId('command-answerSupervision').waitFor({ state: 'detached' });

    const page = await stack.signedIn('supervisor');
    await page.getByTestId('queue-supervisionReplies').getByText(`督办答复${api.run}`).waitFor();
    await openCase(page, caseId);
    const evaluate = await openCommandDialog(page, 'evaluateSupervisionAnswer');
    await evaluate.getByText('已约谈摊主，限期三日内整改到位', { exact: false }).waitFor();
    await evaluate.locator('input[type="radio"][value="reject"]').check();
    await assert.rejects(submitDialog(page.getByRole('dialog')), /the dialog did not go through/);
    assert.equal(await evaluate.locator('textarea[name="comment"]').getAttribute('aria-invalid'), 'true', 'a reply not accepted needs a comment');
    assert.equal((await testPrisma().supervisionNotice.findUniqueOrThrow({ where: { id: noticeId } })).replyStatus, 'answered', 'nothing was sent');
    await evaluate.locator('textarea[name="comment"]').fill('请说明整改完成时间');
    await screenshot(page, 'supervisor-evaluate-supervision-answer-dialog');
    await submitDialog(page.getByRole('dialog'));
    await waitUntil(async () => (await testPrisma().supervisionNotice.findUniqueOrThrow({ where: { id: noticeId } })).replyStatus === 'awaitingReply');
    const row = await testPrisma().supervisionNotice.findUniqueOrThrow({ where: { id: noticeId } });
    assert.deepEqual([row.accepted, row.evaluationComment, row.evaluatedById, row.response], [false, '请说明整改完成时间', 'user-supervisor', '已约谈摊主，限期三日内整改到位']);

    // Back with the unit, which sees why and answers again.
    await openCase(unitPage, caseId);
    const again = await openCommandDialog(unitPage, 'answerSupervision');
    await again.getByText('上次答复未获认可：请说明整改完成时间').waitFor();
  });

  it('arbitrates a third return: refused as a wrong return, the case goes back to its unit', async () => {
    const handle = await dispatchedCase(`退回仲裁${api.run}`);
    const caseId = handle.workflowId;
    await stack.h.command(handle, 'requestReturn', { reason: '不属于本单位职责' }, actors.leadHandler);
    await stack.h.command(handle, 'decideReturn', { approve: true, reason: '改派东湖区', redispatch: { leadUnitId: 'donghu' } }, actors.dispatcher);
    await stack.h.command(handle, 'requestReturn', { reason: '应由城管局处理' }, actors.otherUnitHandler);
    await stack.h.command(handle, 'decideReturn', { approve: true, reason: '改派城管局', redispatch: { leadUnitId: 'chengguan' } }, actors.dispatcher);
    const third = await stack.h.command(handle, 'requestReturn', { reason: '仍不属于本单位职责' }, actors.leadHandler);
    assert.equal(third.status, 'arbitration');

    const page = await stack.signedIn('supervisor');
    await openCase(page, caseId);
    const dialog = await openCommandDialog(page, 'decideReturn');
    await dialog.getByText('仍不属于本单位职责', { exact: false }).waitFor();
    await dialog.locator('input[type="radio"][value="no"]').check();
    await dialog.locator('input[name="wrongReturn"]').check();
    await dialog.locator('textarea[name="reason"]').fill('占道经营属城管职责，退回理由不成立');
    await submitDialog(page.getByRole('dialog'));
    await page.locator('[data-status="dispatched"]').first().waitFor();
    await waitUntil(async () => (await testPrisma().returnRequest.count({ where: { caseId, decision: 'pending' } })) === 0);
    const decision = await testPrisma().returnRequest.findFirst({ where: { caseId }, orderBy: { requestedAt: 'desc' } });
    assert.deepEqual([decision?.decision, decision?.wrongReturn], ['rejected', true]);
  });
  it('decides an extension beyond the cap, which only a supervisor may', async () => {
    const handle = await dispatchedCase(`超限延期${api.run}`);
    const caseId = handle.workflowId;
    await stack.h.command(handle, 'signFor', {}, actors.leadHandler);
    const before = await stack.h.command(handle, 'requestExtension', { workingDays: 12, reason: '需等待第三方检测报告' }, actors.leadHandler);
    assert.equal(before.pendingExtension?.beyondCap, true);

    const page = await stack.signedIn('supervisor');
    await openCase(page, caseId);
    const dialog = await openCommandDialog(page, 'decideExtension');
    await dialog.getByText('需等待第三方检测报告', { exact: false }).waitFor();
    await dialog.locator('input[type="radio"][value="yes"]').check();
    await dialog.locator('textarea[name="reason"]').fill('检测周期确需延长');
    await submitDialog(page.getByRole('dialog'));
    const handleClock = (await clocksOf(caseId)).find((c) => c.key === 'handle') as ClockView & { extensionWorkingDays: number };
    assert.equal(handleClock.extensionWorkingDays, 12);
    await page.getByTestId('command-decideExtension').waitFor({ state: 'detached' });
  });
});
