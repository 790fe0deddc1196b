// One case carried through its whole life in the console, by every role in Chromium:
// operator registers → dispatcher dispatches to a lead and an assisting unit → both sign, the
// assisting unit gives its opinion, the lead asks for an extension (granted), submits the
// result, its leader approves → dispatcher reviews → callback recorded → closed. Then a second
// case returned by a unit and redispatched, and the auditor replaying the first to an earlier
// state. Screenshots of the case page go to tests/artifacts/.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { screenshot, useConsoleStack } from '../support/console';
import { testPrisma } from '../support/db';
import { waitUntil } from '../support/petitions';
import { replayToEventInUi, openTimelineInUi } from './steps/auditor';
import { approveResultInUi, requestExtensionInUi, requestReturnInUi, signForInUi, submitAssistOpinionInUi, submitResultInUi } from './steps/department';
import { decideExtensionInUi, decideReturnInUi, dispatchInUi, recordCallbackInUi, reviewInUi } from './steps/dispatcher';
import { registerCaseInUi } from './steps/operator';

const CITY_ADMINISTRATION = '市城市管理局';
const DONGHU_DISTRICT = '东湖区';

describe('a case’s whole life in the console (Chromium)', () => {
  const stack = useConsoleStack();
  const pages: Record<string, Page> = {};
  const as = async (username: string) => (pages[username] ??= await stack.signedIn(username));
  // The projection row is written just after the registration answers; later steps wait for the page.
  const statusOf = async (caseId: string) => {
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    return (await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).status;
  };

  // One browser context per person for the whole suite (the stack closes contexts after each
  // test, so each test signs its people in again).
  afterEach(() => {
    for (const key of Object.keys(pages)) delete pages[key];
  });

  let caseId = '';

  it('registers, dispatches, co-handles with an extension, approves, reviews, calls back and closes', async () => {
    ({ caseId } = await registerCaseInUi(await as('operator'), {
      phone: '13912345678',
      citizenName: '王先生',
      caseType: '投诉',
      category: '占道经营',
      title: '解放路夜市占道经营',
      content: '解放路夜市摊贩占用人行道，行人只能走机动车道，请尽快处理。',
      address: '东湖区解放路1号',
    }));
    assert.match(caseId, /^\d{13}$/);
    assert.equal(await statusOf(caseId), 'registered');

    await dispatchInUi(await as('dispatcher'), caseId, { lead: CITY_ADMINISTRATION, assists: [DONGHU_DISTRICT] });
    assert.equal(await statusOf(caseId), 'dispatched');

    await signForInUi(await as('handler'), caseId);
    await signForInUi(await as('donghu'), caseId);
    await submitAssistOpinionInUi(await as('donghu'), caseId, '东湖区已安排解放路街道配合夜间巡查。');
    assert.equal(await statusOf(caseId), 'signed');

    const dueBefore = (await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).handleDueAt!;
    await requestExtensionInUi(await as('handler'), caseId, { workingDays: 3, reason: '需会同街道开展联合整治' });
    await decideExtensionInUi(await as('dispatcher'), caseId, { approve: true, reason: '同意延期3个工作日' });
    const dueAfter = (await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).handleDueAt!;
    assert.ok(dueAfter > dueBefore, 'the granted extension moves the handling deadline');

    await submitResultInUi(await as('handler'), caseId, {
      actionsTaken: '联合街道清理占道摊位12处，设置夜市限定区域。',
      replyToCitizen: '您反映的占道经营问题已整治，夜市摊位已移入限定区域。',
      legalBasis: '《城市市容和环境卫生管理条例》第十四条',
      handlerName: '张承办',
      reviewerName: '赵领导',
      citizenContacted: true,
      resolved: true,
    });
    assert.equal(await statusOf(caseId), 'resultSubmitted');
    await approveResultInUi(await as('leader'), caseId, '同意');
    assert.equal(await statusOf(caseId), 'unitApproved');

    await reviewInUi(await as('dispatcher'), caseId, { accept: true });
    assert.equal(await statusOf(caseId), 'callback');
    await recordCallbackInUi(await as('dispatcher'), caseId, { satisfaction: 'satisfied', resolved: true, comment: '市民表示满意' });
    assert.equal(await statusOf(caseId), 'closed');

    const casePage = await as('auditor');
    await casePage.goto(`${stack.api.url}/#/cases/${caseId}/show`);
    await casePage.getByTestId('case-id').filter({ hasText: caseId }).waitFor();
    assert.equal(await casePage.getByTestId('case-callback').locator('[data-satisfaction]').getAttribute('data-satisfaction'), 'satisfied');
    await screenshot(casePage, 'case-page-closed');
  });

  it('lets a unit return a case and the dispatcher send it to the right unit', async () => {
    const { caseId: returned } = await registerCaseInUi(await as('operator'), {
      phone: '13800138000',
      caseType: '投诉',
      category: '占道经营',
      title: '菜市场门口占道',
      content: '东湖菜市场门口早市摊位占道，车辆无法通行。',
    });
    await dispatchInUi(await as('dispatcher'), returned, { lead: DONGHU_DISTRICT, assists: [] });
    await requestReturnInUi(await as('donghu'), returned, '占道经营执法属城管部门职责，非本区受理范围');
    assert.equal(await statusOf(returned), 'returnRequested');
    await decideReturnInUi(await as('dispatcher'), returned, { approve: true, reason: '退回理由成立，改派城管局', lead: CITY_ADMINISTRATION });
    assert.equal(await statusOf(returned), 'dispatched');
    const lead = await testPrisma().caseAssignment.findFirstOrThrow({ where: { caseId: returned, role: 'lead', status: 'dispatched' } });
    assert.equal(lead.unitId, 'chengguan');
  });

  it('shows the auditor every step and replays the case to an earlier state', async () => {
    assert.ok(caseId, 'the first test registered the case');
    const page = await as('auditor');
    const actions = await openTimelineInUi(page, caseId);
    assert.ok(actions.length >= 10, `the timeline lists every command: ${actions.join(', ')}`);
    await screenshot(page, 'auditor-case-timeline');
    // Right after registration the case waited for dispatch; now it is closed.
    assert.equal(await replayToEventInUi(page, caseId, 0), '待派单');
    await screenshot(page, 'auditor-case-replay');
  });
});
