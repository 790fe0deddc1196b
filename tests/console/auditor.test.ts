// The auditor's console in Chromium against the real stack: a case's timeline, its replay to an
// earlier event, the raw Temporal history, the audit chain's verification and the case file.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { WorkflowHandle } from '@temporalio/client';
import { screenshot, useConsoleStack } from '../support/console';
import { actors } from '../support/lifecycle';
import { openCase, openCaseTab } from './steps/casePage';
import { openTimelineInUi, replayToEventInUi } from './steps/auditor';

describe('auditor console (Chromium)', () => {
  const stack = useConsoleStack();
  let handle: WorkflowHandle;
  let caseId: string;

  before(async () => {
    handle = await stack.h.register({ title: '审计回放用工单' });
    caseId = handle.workflowId;
    await stack.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    await stack.h.command(handle, 'signFor', {}, actors.leadHandler);
    await stack.h.command(handle, 'urge', { reason: '市民再次来电催问' }, actors.dispatcher);
  });

  it('lists the case’s commands in its timeline, oldest first, with what each changed', async () => {
    const page = await stack.signedIn('auditor');
    assert.deepEqual(await openTimelineInUi(page, caseId), ['登记受理', '派单', '签收', '催办']);
    const urge = page.locator('[data-testid="timeline-row"][data-action="urged"]');
    assert.match(await urge.innerText(), /user-dispatcher[\s\S]*派单员[\s\S]*市民再次来电催问/);
    await urge.getByRole('button').click();
    await page.getByTestId('timeline-changes').getByText('counters.urges: 0 → 1').waitFor();
    await screenshot(page, 'auditor-timeline');
  });

  it('replays the case to an earlier event: the status then, marked as differing from now', async () => {
    const page = await stack.signedIn('auditor');
    assert.equal(await replayToEventInUi(page, caseId, 1), '待签收');
    assert.equal(await page.getByTestId('replayed-status').getAttribute('data-differs'), 'true');
    await screenshot(page, 'auditor-replay');
    assert.equal(await replayToEventInUi(page, caseId, 3), '办理中');
    assert.equal(await page.getByTestId('replayed-status').getAttribute('data-differs'), 'false');
    // A typed moment (Beijing time) before the registration: there was no case yet.
    const dayBefore = new Date(Date.now() - 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 19);
    await page.getByTestId('replay-at').fill(dayBefore);
    await page.getByRole('button', { name: '回放', exact: true }).click();
    await page.locator('[data-testid="replayed-status"][data-event-index="-1"]').getByText('此时工单尚未登记').waitFor();
  });

  it('shows the raw Temporal history, each event’s JSON on demand', async () => {
    const page = await stack.signedIn('auditor');
    await openCaseTab(page, caseId, 'temporal');
    await page.getByTestId('temporal-event').first().waitFor();
    const types = await page.getByTestId('temporal-event-type').allInnerTexts();
    assert.equal(types[0], 'WorkflowExecutionStarted');
    assert.ok(types.includes('WorkflowExecutionUpdateAccepted'), types.join(', '));
    await page.getByTestId('temporal-event').first().click();
    assert.match(await page.getByTestId('temporal-event-json').innerText(), /workflowExecutionStartedEventAttributes/);
  });

  it('verifies the case’s audit chain and exports the case file as case-<id>.json', async () => {
    const page = await stack.signedIn('auditor');
    await openCaseTab(page, caseId, 'caseFile');
    assert.equal(await page.getByTestId('chain-verified').innerText(), '已校验：4 条记录完整');
    const download = page.waitForEvent('download');
    await page.getByTestId('export-case-file').click();
    const file = await download;
    assert.equal(file.suggestedFilename(), `case-${caseId}.json`);
    const caseFile = JSON.parse(await readFile(await file.path(), 'utf8'));
    assert.deepEqual([caseFile.caseId, caseFile.projection.id, caseFile.generated.by.username], [caseId, caseId, 'auditor']);
  });

  it('shows a completed case’s deadlines: the one in force when its result went up, the original one, and when the result was submitted', async () => {
    const { handle: completed } = await stack.h.registerInCallback('+8613900000014');
    const page = await stack.signedIn('auditor');
    await openCase(page, completed.workflowId);
    const valueOf = async (testId: string) => (await page.getByTestId(testId).innerText()).split('\n').slice(1).join(' ').trim();
    assert.equal(await page.getByTestId('case-handle-due').count(), 0, 'no running clock once the result went up');
    const finalDue = await valueOf('case-final-handle-due');
    assert.match(finalDue, /\d{4}/, `the deadline stays on the page: ${finalDue}`);
    assert.equal(await valueOf('case-original-handle-due'), finalDue, 'no extension: the original deadline is the final one');
    assert.match(await valueOf('case-result-submitted'), /\d{4}/);
    await screenshot(page, 'auditor-completed-deadlines');
  });

  it('checks every audit chain from the home card and the verification page', async () => {
    const page = await stack.signedIn('auditor');
    const card = page.getByTestId('chain-verification-card');
    await card.getByTestId('verify-all-chains').click();
    assert.match(await card.getByTestId('chains-verified').innerText(), /^全部 \d+ 条链、\d+ 条记录校验通过$/);
    await page.getByRole('menuitem', { name: '审计链校验' }).click();
    // The result of this session's check is kept for the page.
    await page.getByRole('heading', { name: '全部审计链校验' }).waitFor();
    await page.getByTestId('chains-verified').waitFor();
  });
});
