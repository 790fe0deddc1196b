// The department's work in Chromium: a unit signs for a case, asks to return it or for more
// time, passes it to a sub-unit and reviews that unit's result, gives an assisting opinion,
// submits a structured result with a file, and its leader approves it. Preconditions (intake,
// dispatch, the other units' parts) go through the API; every checked outcome is read back
// from the API.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { AdminApiClient, listQuery } from '../support/adminApi';
import { screenshot, settled, useConsoleStack } from '../support/console';
import { testPrisma } from '../support/db';
import { waitUntil } from '../support/petitions';
import { chooseOption, openCase, openCommandDialog, submitDialog } from './steps/casePage';
import {
  approveResultInUi,
  fillResultForm,
  requestExtensionInUi,
  requestReturnInUi,
  reviewSubResultInUi,
  signForInUi,
  subDispatchInUi,
  submitAssistOpinionInUi,
  submitResultInUi,
} from './steps/department';

const RESULT = { actionsTaken: '执法队员到场劝离占道摊贩，设置临时隔离设施。', replyToCitizen: '您反映的占道经营问题已处理，今后将加强巡查。', handlerName: '张承办', citizenContacted: true } as const;

/** A small PDF the API accepts (its type is judged by the bytes). */
async function pdfFile(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'department-'));
  const file = path.join(dir, name);
  await writeFile(file, Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), randomBytes(2_000)]));
  return file;
}

describe('department console (Chromium)', () => {
  const stack = useConsoleStack();
  let api: AdminApiClient;

  before(async () => {
    api = new AdminApiClient(stack.api.url);
    await api.login('operator', 'dispatcher', 'handler', 'leader', 'donghu', 'jiefang');
  });

  const command = async (caseId: string, name: string, body: unknown, user: string) => {
    const response = await api.post(`/api/cases/${caseId}/commands/${name}`, body, user);
    assert.equal(response.status, 200, `${name}: ${JSON.stringify(response.body)}`);
  };

  /** A complaint registered and dispatched to the lead (and assisting) units. */
  const dispatchedCase = async (title: string, leadUnitId: string, assistUnitIds: string[] = []) => {
    const registered = await api.post('/api/cases', { channel: 'phone', caseTypeCode: 'complaint', title: `${title}${api.run}`, content: '解放路夜市摊贩占道经营，影响通行。', citizenPhone: '13911112222' }, 'operator');
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const caseId: string = registered.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    await command(caseId, 'dispatch', { leadUnitId, assistUnitIds }, 'dispatcher');
    return caseId;
  };

  const caseAs = async (caseId: string, user: string) => {
    const response = await api.get(`/api/cases/${caseId}`, user);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body as { status: string; assignments: { id: string; unitId: string; role: string; status: string; opinion: string | null; parentAssignmentId: string | null }[]; results: { id: string; actionsTaken: string; handlerName: string; legalBasis: string | null; citizenContacted: boolean; resolved: boolean | null }[] };
  };

  const queueHas = async (page: Page, queue: string, caseId: string) => {
    await page.goto(`${stack.api.url}/#/`);
    await page.getByTestId(`queue-${queue}`).waitFor();
    await settled(page);
    return (await page.getByTestId(`queue-${queue}`).getByText(caseId, { exact: true }).count()) > 0;
  };

  it('signs for with the countdown in view, then asks for an extension (validated before sending)', async () => {
    const caseId = await dispatchedCase('签收延期', 'chengguan');
    const page = await stack.signedIn('handler');
    assert.ok(await queueHas(page, 'toSignFor', caseId), 'the case waits in the unit’s sign-for queue');
    await openCase(page, caseId);
    assert.equal(await page.getByTestId('sign-for-countdown').getByTestId('time-left').innerText(), '剩 1 个工作日');
    await signForInUi(page, caseId);
    assert.equal((await caseAs(caseId, 'handler')).status, 'signed');
    await screenshot(page, 'case-page-in-progress');
    assert.ok(await queueHas(page, 'inProgress', caseId));
    assert.ok(!(await queueHas(page, 'toSignFor', caseId)));

    await openCase(page, caseId);
    const dialog = await openCommandDialog(page, 'requestExtension');
    await dialog.getByLabel('延长工作日数').fill('61');
    await dialog.getByLabel('理由').fill('需协调多个部门联合执法。');
    await dialog.locator('button[type="submit"]').click();
    await dialog.getByText('请输入 1 至 60 之间的整数').waitFor();
    assert.equal(await dialog.getByLabel('理由').inputValue(), '需协调多个部门联合执法。', 'what was typed stays');
    await dialog.getByRole('button', { name: '取消' }).click();

    await requestExtensionInUi(page, caseId, { workingDays: 5, reason: '需协调多个部门联合执法。' });
    const pending = await api.get(`/api/cases${listQuery({ filter: { id: caseId, extensionPending: true } })}`, 'dispatcher');
    assert.deepEqual(pending.body.map((c: { id: string }) => c.id), [caseId], 'the office sees the request to decide');
  });

  it('asks to return a case, the reason required', async () => {
    const caseId = await dispatchedCase('申请退回', 'chengguan');
    const page = await stack.signedIn('handler');
    await openCase(page, caseId);
    const dialog = await openCommandDialog(page, 'requestReturn');
    await dialog.locator('button[type="submit"]').click();
    assert.equal(await dialog.getByLabel('理由').getAttribute('aria-invalid'), 'true');
    await dialog.getByLabel('理由').fill('   ');
    await dialog.locator('button[type="submit"]').click();
    await dialog.getByText('不能只填空格').waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    assert.equal((await caseAs(caseId, 'handler')).status, 'dispatched', 'nothing was sent');

    await requestReturnInUi(page, caseId, '该路段属东湖区管辖，非本局职责。');
    assert.equal((await caseAs(caseId, 'handler')).status, 'returnRequested');
  });

  it('lets an assisting unit sign for and give its opinion', async () => {
    const caseId = await dispatchedCase('协办意见', 'chengguan', ['donghu']);
    const page = await stack.signedIn('donghu');
    await signForInUi(page, caseId);
    await submitAssistOpinionInUi(page, caseId, '解放路街道已安排网格员配合巡查。');
    const own = (await caseAs(caseId, 'donghu')).assignments.find((a) => a.unitId === 'donghu')!;
    assert.deepEqual([own.role, own.status, own.opinion], ['assist', 'opinionSubmitted', '解放路街道已安排网格员配合巡查。']);
  });

  it('passes a case to a sub-unit and reviews its result: sent back with a comment, then accepted', async () => {
    const caseId = await dispatchedCase('下派审核', 'donghu');
    await command(caseId, 'signFor', {}, 'donghu');
    const district = await stack.signedIn('donghu');
    await subDispatchInUi(district, caseId, '解放路街道', '请三日内到场核实。');
    const sub = (await caseAs(caseId, 'donghu')).assignments.find((a) => a.role === 'sub')!;
    assert.equal(sub.unitId, 'donghu-jiefang');

    const street = await stack.signedIn('jiefang');
    assert.ok(await queueHas(street, 'toSignFor', caseId), 'the street signs for its part');
    assert.ok(!(await queueHas(district, 'toSignFor', caseId)), 'the district has nothing left to sign');
    await signForInUi(street, caseId);
    await command(caseId, 'submitResult', { ...RESULT, handlerName: '刘承办' }, 'jiefang');

    await openCase(district, caseId);
    const dialog = await openCommandDialog(district, 'reviewSubResult');
    await dialog.getByTestId('submitted-result').getByText(RESULT.actionsTaken).waitFor();
    await dialog.locator('.ra-input-decision').getByRole('radio', { name: '退回下级重办' }).check();
    await dialog.locator('button[type="submit"]').click();
    await dialog.getByText('退回下级重办时请说明原因').waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();

    await reviewSubResultInUi(district, caseId, { accept: false, comment: '未附现场照片，请补充。' });
    assert.equal((await caseAs(caseId, 'donghu')).assignments.find((a) => a.id === sub.id)!.status, 'signed', 'back with the sub-unit');
    await command(caseId, 'submitResult', { ...RESULT, handlerName: '刘承办' }, 'jiefang');
    await reviewSubResultInUi(district, caseId, { accept: true });
    const after = await caseAs(caseId, 'donghu');
    assert.equal(after.status, 'signed', 'the district now reports up');
    assert.equal(after.assignments.find((a) => a.id === sub.id)!.status, 'completed');
  });

  it('passes a case to two sub-units at once, the street passes it one level further from its own desk, and the case page shows the tree', async () => {
    const caseId = await dispatchedCase('多级下派', 'donghu');
    await command(caseId, 'signFor', {}, 'donghu');
    const district = await stack.signedIn('donghu');
    await subDispatchInUi(district, caseId, ['解放路街道', '文化路街道'], '请分片核实。');
    const subs = (await caseAs(caseId, 'donghu')).assignments.filter((a) => a.role === 'sub');
    assert.deepEqual(subs.map((a) => a.unitId).sort(), ['donghu-jiefang', 'donghu-wenhua']);

    const street = await stack.signedIn('jiefang');
    await signForInUi(street, caseId);
    await subDispatchInUi(street, caseId, '和平社区居委会');
    const community = (await caseAs(caseId, 'donghu')).assignments.find((a) => a.unitId === 'donghu-jiefang-heping')!;
    assert.equal(community.parentAssignmentId, subs.find((a) => a.unitId === 'donghu-jiefang')!.id);

    await openCase(district, caseId);
    const depth = (unitId: string) => district.getByTestId(`assignment-${unitId}`).getAttribute('data-depth');
    assert.deepEqual([await depth('donghu'), await depth('donghu-jiefang'), await depth('donghu-wenhua'), await depth('donghu-jiefang-heping')], ['0', '1', '1', '2']);
  });

  it('records the first contact with the citizen (响应): the time checked before sending, the contact shown on the case page', async () => {
    const caseId = await dispatchedCase('联系市民', 'chengguan');
    const page = await stack.signedIn('handler');
    await openCase(page, caseId);
    const dialog = await openCommandDialog(page, 'recordContact');
    await chooseOption(dialog, 'means', '上门走访');
    const time = dialog.getByLabel('联系时间');
    await time.fill('2099-01-01T10:00');
    await dialog.locator('button[type="submit"]').click();
    await dialog.locator('.ra-input-contactedAt .Mui-error, .ra-input-contactedAt.Mui-error').first().waitFor();
    assert.match(await dialog.innerText(), /联系时间不能晚于现在/);
    assert.deepEqual((await api.get(`/api/cases/${caseId}`, 'handler')).body.contacts, [], 'nothing was sent');
    // This minute, in the browser's time zone (Asia/Shanghai) as the input takes it; the minute of the dispatch is not before it.
    const local = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 16);
    await time.fill(local);
    await dialog.getByLabel('备注').fill('已上门与市民见面');
    await submitDialog(dialog);
    await openCase(page, caseId);
    const shown = page.getByTestId('case-contact');
    await shown.waitFor();
    assert.match(await shown.innerText(), /首次联系[\s\S]*上门走访[\s\S]*派单后/);
    const contacts = (await api.get(`/api/cases/${caseId}`, 'handler')).body.contacts;
    assert.deepEqual(contacts.map((c: { means: string; note: string }) => [c.means, c.note]), [['visit', '已上门与市民见面']]);
    assert.equal(Date.parse(contacts[0].contactedAt), Date.parse(`${local}:00+08:00`));
    await screenshot(page, 'department-contact');
  });

  it('submits a structured result: checked before sending, an API field error in place with the values kept, a file uploaded and cited; the leader approves', async () => {
    const caseId = await dispatchedCase('办结反馈', 'chengguan');
    await command(caseId, 'signFor', {}, 'handler');
    const page = await stack.signedIn('handler');
    await openCase(page, caseId);
    const dialog = await openCommandDialog(page, 'submitResult');
    assert.equal(await dialog.getByLabel('承办人').inputValue(), '张承办（城管局）', 'the handler defaults to the user');

    // Nothing filled in: the form refuses before sending.
    await dialog.getByLabel('承办人').fill('');
    await dialog.locator('button[type="submit"]').click();
    for (const label of ['办理情况', '答复市民内容', '承办人']) assert.equal(await dialog.getByLabel(label).getAttribute('aria-invalid'), 'true', label);
    assert.ok(await dialog.locator('.ra-input-citizenContacted.Mui-error, .ra-input-citizenContacted .Mui-error').count() > 0, 'citizen contacted is required');
    assert.equal((await caseAs(caseId, 'handler')).status, 'signed', 'nothing was sent');

    // Two files uploaded, one removed again before sending.
    const photoReport = await pdfFile('现场整改报告.pdf');
    await fillResultForm(dialog, { ...RESULT, legalBasis: '《城市市容和环境卫生管理条例》第十四条', reviewerName: '赵审核', resolved: true, attachmentPath: photoReport });
    await dialog.getByTestId('attachment-file-input').setInputFiles(await pdfFile('多余的文件.pdf'));
    await dialog.getByTestId('result-attachment').filter({ hasText: '多余的文件.pdf' }).waitFor();
    await dialog.getByRole('button', { name: '移除 多余的文件.pdf' }).click();
    await dialog.getByTestId('result-attachment').filter({ hasText: '多余的文件.pdf' }).waitFor({ state: 'detached' });
    await screenshot(page, 'department-result-form');
    const files = await api.get(`/api/cases/${caseId}/attachments`, 'handler');
    assert.deepEqual(files.body.map((f: { fileName: string }) => f.fileName), ['现场整改报告.pdf'], 'the removed file is gone from the case');

    // The file vanishes meanwhile (removed in another tab): the API refuses the citation.
    const fileId: string = files.body[0].id;
    assert.equal((await api.delete(`/api/attachments/${fileId}`, 'handler')).status, 204);
    await dialog.locator('button[type="submit"]').click();
    await dialog.getByTestId('command-refusal').waitFor();
    await dialog.getByTestId('result-attachment').getByText('no attachment of this case or upload of yours with this id').waitFor();
    assert.equal(await dialog.getByLabel('办理情况').inputValue(), RESULT.actionsTaken, 'values kept');
    assert.equal(await dialog.getByLabel('政策法规依据').inputValue(), '《城市市容和环境卫生管理条例》第十四条');

    // Take the stale file off the list, upload it again, send.
    await dialog.getByRole('button', { name: '移除 现场整改报告.pdf' }).click();
    await dialog.getByTestId('result-attachment').waitFor({ state: 'detached' });
    await dialog.getByTestId('attachment-file-input').setInputFiles(photoReport);
    await dialog.getByTestId('result-attachment').waitFor();
    await dialog.locator('button[type="submit"]').click();
    await dialog.waitFor({ state: 'hidden' });

    const submitted = await caseAs(caseId, 'handler');
    assert.equal(submitted.status, 'resultSubmitted');
    const result = submitted.results.at(-1)!;
    assert.deepEqual([result.actionsTaken, result.handlerName, result.legalBasis, result.citizenContacted, result.resolved], [RESULT.actionsTaken, RESULT.handlerName, '《城市市容和环境卫生管理条例》第十四条', true, true]);
    const cited = (await api.get(`/api/cases/${caseId}/history`, 'handler')).body.find((e: { action: string }) => e.action === 'resultSubmitted').payload.result.attachmentIds as string[];
    const stored = (await api.get(`/api/cases/${caseId}/attachments`, 'handler')).body as { id: string; fileName: string }[];
    assert.deepEqual(stored.filter((f) => cited.includes(f.id)).map((f) => f.fileName), ['现场整改报告.pdf'], 'the result cites the uploaded file');

    const leader = await stack.signedIn('leader');
    assert.ok(await queueHas(leader, 'toApprove', caseId), 'the result waits for the leader');
    await openCase(leader, caseId);
    const approval = await openCommandDialog(leader, 'unitApprove');
    await approval.getByTestId('submitted-result').getByText(RESULT.replyToCitizen).waitFor();
    await approval.getByTestId('result-file').filter({ hasText: '现场整改报告.pdf' }).waitFor();
    await approval.getByRole('button', { name: '取消' }).click();
    await approveResultInUi(leader, caseId, '同意上报。');
    assert.equal((await caseAs(caseId, 'leader')).status, 'unitApproved');
  });

  it('lets the lead unit’s leader suspend its case (挂起) for a court and resume it; a handler is offered neither', async () => {
    const caseId = await dispatchedCase('挂起', 'chengguan');
    await command(caseId, 'signFor', {}, 'handler');
    const handler = await stack.signedIn('handler');
    await openCase(handler, caseId);
    await handler.getByTestId('command-submitResult').waitFor();
    assert.equal(await handler.getByTestId('command-suspend').count(), 0);

    const page = await stack.signedIn('leader');
    await openCase(page, caseId);
    const dialog = await openCommandDialog(page, 'suspend');
    await dialog.getByRole('combobox').click();
    await page.getByRole('option', { name: '进入诉讼或仲裁程序' }).click();
    await dialog.locator('[name="reason"]').fill('诉求人已就产权纠纷提起诉讼，等待判决');
    await dialog.locator('[name="workingDays"]').fill('2');
    await submitDialog(dialog);
    await page.getByTestId('case-suspended').waitFor();
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'suspended' } });
    const suspension = (audit.payload as { suspension: { reasonKind: string; workingDays: number } }).suspension;
    assert.deepEqual([audit.actorRole, suspension.reasonKind, suspension.workingDays], ['unitLeader', 'litigation', 2]);
    await screenshot(page, 'department-suspended');

    await submitDialog(await openCommandDialog(page, 'resume'));
    await page.getByTestId('command-suspend').waitFor();
    assert.equal((await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).suspendedAt, null);
  });

  it('offers each unit only its own part: no approval for handlers, only signing for (and naming its handler) an assisting unit', async () => {
    const caseId = await dispatchedCase('各司其职', 'chengguan', ['donghu']);
    await command(caseId, 'signFor', {}, 'handler');
    await command(caseId, 'submitResult', RESULT, 'handler');
    const page = await stack.signedIn('handler');
    await openCase(page, caseId);
    await page.getByTestId('case-actions').or(page.getByText('当前状态下没有您可以执行的操作')).first().waitFor();
    assert.equal(await page.getByTestId('command-unitApprove').count(), 0, 'only leaders approve');
    const assisting = await stack.signedIn('donghu');
    await openCase(assisting, caseId);
    const offered = await assisting.getByTestId('case-actions').locator('[data-testid^="command-"]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-testid')));
    assert.deepEqual(offered, ['command-signFor', 'command-assignHandler']);
  });
});
