// The dispatcher's work in Chromium against the real stack: dispatch with the unit tree picker
// (suggested unit, lead + assisting units), intake answers, returns, extensions, review,
// callbacks, decisions on unsatisfied callbacks, closing, urging and reclassifying. Preconditions that are other roles' work go through the API.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { AdminApiClient } from '../support/adminApi';
import { screenshot, useConsoleStack } from '../support/console';
import { testPrisma } from '../support/db';
import { waitUntil } from '../support/petitions';
import { caseStatus, openCase, openCommandDialog, submitDialog } from './steps/casePage';
import { decideExtensionInUi, decideReturnInUi, dispatchInUi, recordCallbackInUi, reviewInUi } from './steps/dispatcher';

const RESULT = { actionsTaken: '已现场核查，责令摊贩撤离。', replyToCitizen: '经核查，占道摊点已清理。', legalBasis: '《城市市容和环境卫生管理条例》', handlerName: '张承办', reviewerName: '赵领导', citizenContacted: true, resolved: true };

describe('dispatcher console (Chromium)', () => {
  const stack = useConsoleStack();
  let api: AdminApiClient;

  before(async () => {
    api = new AdminApiClient(stack.api.url);
    await api.login('operator', 'dispatcher', 'handler', 'leader', 'donghu');
  });

  const register = async (title: string): Promise<string> => {
    const response = await api.post('/api/cases', { channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: `${title}${api.run}`, content: '解放路夜市占道经营，影响通行。', citizenPhone: '13911114444' }, 'operator');
    assert.equal(response.status, 201, JSON.stringify(response.body));
    const caseId: string = response.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    return caseId;
  };
  const command = async (caseId: string, name: string, body: unknown, as: string) => {
    const response = await api.post(`/api/cases/${caseId}/commands/${name}`, body, as);
    assert.equal(response.status, 200, `${name}: ${JSON.stringify(response.body)}`);
  };
  const read = async (caseId: string) => (await api.get(`/api/cases/${caseId}`, 'dispatcher')).body;
  /** A case whose result the unit's leader has approved: up for the office's review. */
  const approvedResult = async (title: string) => {
    const caseId = await register(title);
    await command(caseId, 'dispatch', { leadUnitId: 'chengguan' }, 'dispatcher');
    await command(caseId, 'signFor', {}, 'handler');
    await command(caseId, 'submitResult', RESULT, 'handler');
    await command(caseId, 'unitApprove', {}, 'leader');
    return caseId;
  };
  const dispatcherOn = async (caseId: string): Promise<Page> => {
    const page = await stack.signedIn('dispatcher');
    await openCase(page, caseId);
    return page;
  };

  it('dispatches to a lead and an assisting unit, the suggested unit preselected, and shows a wrong choice in place', async () => {
    const caseId = await register('派单');
    const page = await dispatcherOn(caseId);
    const dialog = await openCommandDialog(page, 'dispatch');
    // The category's unit (城市管理 → 市城市管理局) is marked and chosen as the lead.
    await dialog.getByTestId('unit-row-chengguan').getByTestId('suggested-unit').waitFor();
    assert.ok(await dialog.getByRole('radio', { name: '主办 市城市管理局', exact: true }).isChecked());
    // Only active units below the hotline office; the search keeps a match's parents.
    assert.equal(await dialog.getByTestId('unit-row-hotline').count(), 0);
    await dialog.getByRole('textbox', { name: '搜索单位' }).fill('物业');
    await dialog.getByTestId('unit-row-zhujian-wuye').waitFor();
    assert.equal(await dialog.getByTestId('unit-row-zhujian').count(), 1, 'the match’s parent stays for context');
    assert.equal(await dialog.getByTestId('unit-row-chengguan').count(), 0);
    await dialog.getByRole('textbox', { name: '搜索单位' }).fill('');
    await screenshot(page, 'dispatcher-dispatch-dialog');

    // The lead also ticked as assisting: refused in place, nothing typed is lost.
    await dialog.getByRole('checkbox', { name: '协办 市城市管理局', exact: true }).check();
    await dialog.locator('[name="instructions"]').fill('请于今晚核查夜市占道');
    await dialog.locator('button[type="submit"]').click();
    assert.equal(await dialog.getByTestId('assists-error').innerText(), '主办单位不能同时作为协办单位');
    assert.equal(await dialog.locator('[name="instructions"]').inputValue(), '请于今晚核查夜市占道');
    assert.equal(await caseStatus(page), 'registered');

    await dialog.getByRole('checkbox', { name: '协办 市城市管理局', exact: true }).uncheck();
    await dialog.getByRole('checkbox', { name: '协办 市住房和城乡建设局', exact: true }).check();
    await submitDialog(dialog);
    await page.locator('[data-status="dispatched"]').first().waitFor();
    const dispatched = await read(caseId);
    assert.equal(dispatched.status, 'dispatched');
    assert.deepEqual(dispatched.assignments.map((a: { unitId: string; role: string }) => [a.unitId, a.role]), [['chengguan', 'lead'], ['zhujian', 'assist']]);
  });

  it('shows the workflow’s reason when the same case is dispatched twice from two pages, keeping the form', async () => {
    const caseId = await register('重复派单');
    const first = await dispatcherOn(caseId);
    const second = await dispatcherOn(caseId);
    const firstDialog = await openCommandDialog(first, 'dispatch');
    const secondDialog = await openCommandDialog(second, 'dispatch');
    await secondDialog.getByRole('radio', { name: '主办 东湖区', exact: true }).check();
    await secondDialog.locator('[name="instructions"]').fill('改由东湖区办理');
    await submitDialog(firstDialog);
    await secondDialog.locator('button[type="submit"]').click();
    const refusal = secondDialog.getByTestId('command-refusal');
    await refusal.waitFor();
    // What kind of refusal in the user's language, over the workflow's own reason.
    assert.match(await refusal.innerText(), /^当前状态下不能执行该操作/);
    assert.match(await refusal.getByTestId('command-refusal-detail').innerText(), /dispatch is not possible while the case is dispatched/);
    assert.ok(await secondDialog.getByRole('radio', { name: '主办 东湖区', exact: true }).isChecked());
    assert.equal(await secondDialog.locator('[name="instructions"]').inputValue(), '改由东湖区办理');
    assert.equal((await read(caseId)).leadUnitId, 'chengguan');
  });

  it('decides returns: shows the unit’s reason, re-dispatches on approval, sends the case back on refusal', async () => {
    const caseId = await register('退回');
    const page = await stack.signedIn('dispatcher');
    await dispatchInUi(page, caseId, { lead: '市城市管理局', assists: [] });
    await command(caseId, 'requestReturn', { reason: '该路段属东湖区管辖' }, 'handler');

    await openCase(page, caseId);
    const dialog = await openCommandDialog(page, 'decideReturn');
    assert.match(await dialog.getByTestId('return-reason').innerText(), /该路段属东湖区管辖/);
    await dialog.getByRole('radio', { name: '同意退回并改派', exact: true }).check();
    assert.ok(await dialog.getByRole('radio', { name: '主办 市城市管理局', exact: true }).isDisabled(), 'the returning unit cannot lead again');
    await dialog.locator('[name="reason"]').fill('改派东湖区');
    await dialog.locator('button[type="submit"]').click();
    assert.equal(await dialog.getByTestId('lead-error').innerText(), '请选择主办单位');
    await dialog.getByRole('button', { name: '取消' }).click();

    await decideReturnInUi(page, caseId, { approve: true, reason: '改派东湖区', lead: '东湖区' });
    assert.equal(await caseStatus(page), 'dispatched');
    assert.equal((await read(caseId)).leadUnitId, 'donghu');

    await command(caseId, 'requestReturn', { reason: '应由街道办理' }, 'donghu');
    await decideReturnInUi(page, caseId, { approve: false, reason: '属东湖区职责' });
    const refused = await read(caseId);
    assert.equal(refused.status, 'dispatched');
    assert.deepEqual(refused.returnRequests.map((r: { decision: string }) => r.decision), ['approved', 'rejected']);
  });

  it('decides an extension with the days, the reason and the current due date in front of it', async () => {
    const caseId = await register('延期');
    await command(caseId, 'dispatch', { leadUnitId: 'chengguan' }, 'dispatcher');
    await command(caseId, 'signFor', {}, 'handler');
    const dueBefore = new Date((await read(caseId)).handleDueAt).getTime();
    await command(caseId, 'requestExtension', { workingDays: 3, reason: '需协调多部门' }, 'handler');

    const page = await dispatcherOn(caseId);
    const dialog = await openCommandDialog(page, 'decideExtension');
    const request = dialog.getByTestId('extension-request');
    assert.match(await request.innerText(), /市城市管理局 申请延期 3 个工作日/);
    assert.match(await request.innerText(), /需协调多部门/);
    await dialog.locator('button[type="submit"]').click();
    await dialog.locator('.Mui-error').first().waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();

    await decideExtensionInUi(page, caseId, { approve: true, reason: '同意延期' });
    const extended = await read(caseId);
    assert.equal(extended.extensionRequests[0].decision, 'approved');
    assert.ok(new Date(extended.handleDueAt).getTime() > dueBefore, 'the due date moved');
  });

  it('reviews the result, asks why when sending back, and records the callback that closes the case', async () => {
    const caseId = await approvedResult('审核');
    const page = await dispatcherOn(caseId);
    const dialog = await openCommandDialog(page, 'review');
    const details = await dialog.getByTestId('result-details').innerText();
    for (const text of [RESULT.actionsTaken, RESULT.replyToCitizen, RESULT.legalBasis, RESULT.handlerName, RESULT.reviewerName]) assert.ok(details.includes(text), `${text} in ${details}`);
    await dialog.getByRole('radio', { name: '退回重办', exact: true }).check();
    await dialog.locator('button[type="submit"]').click();
    await dialog.getByText('退回重办时请说明原因').waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();

    await reviewInUi(page, caseId, { accept: true });
    assert.equal(await caseStatus(page), 'callback');

    const callback = await openCommandDialog(page, 'recordCallback');
    await callback.locator('button[type="submit"]').click();
    await callback.getByText('联系上市民时请选择满意度').waitFor();
    await callback.getByRole('button', { name: '取消' }).click();

    await recordCallbackInUi(page, caseId, { satisfaction: 'satisfied', resolved: true, comment: '市民表示满意' });
    assert.equal(await caseStatus(page), 'closed');
    const closed = await read(caseId);
    assert.deepEqual([closed.callbacks[0].satisfaction, closed.callbacks[0].resolved, closed.callbacks[0].comment], ['satisfied', true, '市民表示满意']);
  });

  it('sends a result back for re-handling and urges the unit; closes an unreachable callback with an explanation', async () => {
    const sentBack = await approvedResult('重办');
    const page = await stack.signedIn('dispatcher');
    await reviewInUi(page, sentBack, { accept: false, comment: '答复内容不完整' });
    assert.equal(await caseStatus(page), 'signed');
    const urge = await openCommandDialog(page, 'urge');
    await urge.locator('[name="reason"]').fill('请尽快重新办理');
    await submitDialog(urge);
    await waitUntil(async () => (await read(sentBack)).urges.length === 1);

    const toClose = await approvedResult('办结');
    await command(toClose, 'review', { accept: true }, 'dispatcher');
    await openCase(page, toClose);
    const callback = await openCommandDialog(page, 'recordCallback');
    await callback.getByRole('radio', { name: '未联系上', exact: true }).check();
    assert.equal(await callback.getByRole('radio', { name: '满意', exact: true }).count(), 0, 'no satisfaction for an unreached citizen');
    await submitDialog(callback);
    await page.getByTestId('command-close').waitFor();
    assert.equal(await caseStatus(page), 'callback');
    const close = await openCommandDialog(page, 'close');
    await close.locator('[name="explanation"]').fill('多次联系未果，已办结。');
    await submitDialog(close);
    await page.locator('[data-status="closed"]').first().waitFor();
    assert.equal((await read(toClose)).status, 'closed');
  });

  it('reclassifies a dispatched consultation as a report: an unchanged profile is refused before sending, then the deadline moves later', async () => {
    const registered = await api.post('/api/cases', { channel: 'phone', caseTypeCode: 'consultation', categoryId: 'cat-urban.street-vending', title: `重新分类${api.run}`, content: '咨询夜市摆摊手续，附近有人无证经营。', citizenPhone: '13911115555' }, 'operator');
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const caseId: string = registered.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    await command(caseId, 'dispatch', { leadUnitId: 'chengguan' }, 'dispatcher');
    const consultationDue = Date.parse((await read(caseId)).handleDueAt);
    const page = await dispatcherOn(caseId);
    const dialog = await openCommandDialog(page, 'reclassify');
    await dialog.getByText('办理时限按新的类型、分类和紧急程度重新计算').waitFor();
    assert.equal(await dialog.locator('input[name="caseTypeCode"]').inputValue(), '咨询', 'the form starts from the case’s profile');
    await dialog.locator('[name="reason"]').fill('经核实，反映的是无证经营，属举报');
    await dialog.locator('button[type="submit"]').click();
    await dialog.getByText('诉求类型、分类和紧急程度与当前相同，请至少修改一项').waitFor();
    assert.equal((await read(caseId)).caseTypeCode, 'consultation', 'nothing was sent');

    await dialog.locator('input[name="caseTypeCode"]').fill('举报');
    await page.keyboard.press('Enter');
    await screenshot(page, 'dispatcher-reclassify-dialog');
    await submitDialog(dialog);
    await waitUntil(async () => (await read(caseId)).caseTypeCode === 'report');
    const reclassified = await read(caseId);
    assert.ok(Date.parse(reclassified.handleDueAt) > consultationDue, 'a report’s 30 working days instead of a consultation’s 5');
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'reclassified' } });
    assert.deepEqual([audit.actorRole, audit.reason], ['dispatcher', '经核实，反映的是无证经营，属举报']);
    await screenshot(page, 'dispatcher-reclassified');
  });

  it('decides on an unsatisfied callback: 核减 offered to supervisors only, a rehandle sends the case back to its unit, a supervisor judges another unreasonable', async () => {
    const unsatisfied = { outcome: 'reached', satisfaction: 'unsatisfied', resolved: false, comment: '摊贩又回来了' };
    const waiting = async (title: string) => {
      const caseId = await approvedResult(title);
      await command(caseId, 'review', { accept: true }, 'dispatcher');
      await command(caseId, 'recordCallback', unsatisfied, 'dispatcher');
      return caseId;
    };
    const rehandled = await waiting('不满意重办');
    const page = await dispatcherOn(rehandled);
    await page.locator('[data-status="awaitingUnsatisfiedDecision"]').first().waitFor();
    const dialog = await openCommandDialog(page, 'decideUnsatisfied');
    await dialog.getByText('市民对办理结果不满意').waitFor();
    assert.deepEqual(await dialog.getByRole('radio').evaluateAll((radios) => radios.map((r) => r.getAttribute('value'))), ['rehandle', 'close'], 'a dispatcher is not offered 核减');
    await dialog.locator('button[type="submit"]').click();
    await dialog.locator('.Mui-error').first().waitFor();
    assert.equal((await read(rehandled)).status, 'awaitingUnsatisfiedDecision', 'nothing was sent');
    await dialog.getByRole('radio', { name: '重新办理' }).check();
    await dialog.locator('[name="reason"]').fill('市民反映摊贩仍在，请重新办理');
    await screenshot(page, 'dispatcher-decide-unsatisfied-dialog');
    await submitDialog(dialog);
    await page.locator('[data-status="signed"]').first().waitFor();
    const back = await read(rehandled);
    assert.deepEqual([back.status, back.rehandleCount, back.leadUnitId], ['signed', 1, 'chengguan']);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId: rehandled, action: 'unsatisfiedDecided' } });
    assert.deepEqual([audit.actorRole, audit.reason], ['dispatcher', '市民反映摊贩仍在，请重新办理']);

    const judged = await waiting('不满意核减');
    const supervisor = await stack.signedIn('supervisor');
    await openCase(supervisor, judged);
    const byText = await openCommandDialog(supervisor, 'decideUnsatisfied');
    await byText.getByRole('radio', { name: '核减（诉求不合理，不计入考核）' }).check();
    await byText.locator('[name="reason"]').fill('诉求超出政策规定，予以核减');
    await submitDialog(byText);
    await supervisor.locator('[data-status="closed"]').first().waitFor();
    assert.equal((await testPrisma().case.findUniqueOrThrow({ where: { id: judged } })).judgedUnreasonable, true);
  });

  it('suspends a case (挂起): beyond five working days the workflow’s refusal is shown, then the page shows the suspension until it is resumed (恢复办理)', async () => {
    const caseId = await register('挂起');
    await command(caseId, 'dispatch', { leadUnitId: 'chengguan' }, 'dispatcher');
    const page = await dispatcherOn(caseId);
    const dialog = await openCommandDialog(page, 'suspend');
    await dialog.getByText('挂起期间所有时限停止计算').waitFor();
    await dialog.locator('[name="reason"]').fill('等待诉求人补充产权证明材料');
    await dialog.locator('[name="workingDays"]').fill('6');
    await dialog.locator('button[type="submit"]').click();
    await dialog.getByTestId('command-refusal').getByText(/needs a supervisor/).waitFor();
    await dialog.getByTestId('command-refusal').getByText('您没有执行该操作的权限').waitFor();
    assert.equal((await read(caseId)).suspendedAt, null, 'nothing was taken');

    await screenshot(page, 'dispatcher-suspend-refused');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const again = await openCommandDialog(page, 'suspend');
    await again.locator('[name="reason"]').fill('等待诉求人补充产权证明材料');
    await again.locator('[name="workingDays"]').fill('3');
    await screenshot(page, 'dispatcher-suspend-dialog');
    await submitDialog(again);
    await page.getByTestId('case-suspended').getByText(/已挂起/).waitFor();
    await page.getByTestId('command-resume').waitFor();
    assert.equal(await page.getByTestId('command-urge').count(), 0, 'no urging while suspended');
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'suspended' } });
    assert.deepEqual([audit.actorRole, audit.reason], ['dispatcher', '等待诉求人补充产权证明材料']);
    await screenshot(page, 'dispatcher-suspended');

    const resume = await openCommandDialog(page, 'resume');
    await resume.locator('[name="reason"]').fill('材料已补齐');
    await submitDialog(resume);
    await page.getByTestId('command-suspend').waitFor();
    assert.equal(await page.getByTestId('case-suspended').count(), 0);
    const resumed = await read(caseId);
    assert.deepEqual([resumed.suspendedAt, typeof resumed.suspendedWorkingDays], [null, 'number']);
    await page.getByTestId('case-suspended-days').getByText(`${resumed.suspendedWorkingDays} 个工作日`).waitFor();
  });

  it('rejects one registered case and answers another directly', async () => {
    const rejected = await register('不予受理');
    const page = await dispatcherOn(rejected);
    const reject = await openCommandDialog(page, 'reject');
    await reject.getByRole('combobox').click();
    await page.getByRole('option', { name: '涉诉事项' }).click();
    await reject.locator('[name="reason"]').fill('已进入诉讼程序');
    await submitDialog(reject);
    await page.locator('[data-status="rejected"]').first().waitFor();

    const answered = await register('直接答复');
    await openCase(page, answered);
    const answer = await openCommandDialog(page, 'answerDirectly');
    await answer.locator('[name="answer"]').fill('夜市开放时间为每日18时至23时。');
    await submitDialog(answer);
    await page.locator('[data-status="answeredDirectly"]').first().waitFor();
    assert.deepEqual([(await read(rejected)).status, (await read(answered)).status], ['rejected', 'answeredDirectly']);
  });
});
