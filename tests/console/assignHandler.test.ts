// 指定承办人 in Chromium: the unit leader names a handler from the unit's people, the case page
// shows the handler on the assignment, and the handler finds the case in their 我的 (Mine)
// queue; a handler's own dialog offers only themselves. Preconditions go through the API;
// outcomes are read back from the API.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { AdminApiClient } from '../support/adminApi';
import { screenshot, settled, useConsoleStack } from '../support/console';
import { testPrisma } from '../support/db';
import { waitUntil } from '../support/petitions';
import { openCase, openCommandDialog, submitDialog } from './steps/casePage';

describe('assign handler in the console (Chromium)', () => {
  const stack = useConsoleStack();
  let api: AdminApiClient;

  before(async () => {
    api = new AdminApiClient(stack.api.url);
    await api.login('operator', 'dispatcher', 'handler', 'leader');
  });

  const dispatchedCase = async (title: string): Promise<string> => {
    const registered = await api.post('/api/cases', { channel: 'phone', caseTypeCode: 'complaint', title: `${title}${api.run}`, content: '解放路夜市摊贩占道经营，影响通行。', citizenPhone: '13911114444' }, 'operator');
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const caseId: string = registered.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    const dispatched = await api.post(`/api/cases/${caseId}/commands/dispatch`, { leadUnitId: 'chengguan', assistUnitIds: [] }, 'dispatcher');
    assert.equal(dispatched.status, 200, JSON.stringify(dispatched.body));
    return caseId;
  };

  const inMine = async (page: Page, caseId: string) => {
    const home = `${stack.api.url}/#/`;
    // The same address again is only a hash change: reload so that the queue is read afresh.
    if (page.url() === home) await page.reload();
    else await page.goto(home);
    await page.getByTestId('queue-mine').waitFor();
    await settled(page);
    return (await page.getByTestId('queue-mine').getByText(caseId, { exact: true }).count()) > 0;
  };

  it('the leader names a handler from the unit’s people; the case page shows them and the case is in their Mine', async () => {
    const caseId = await dispatchedCase('指定承办人');
    const handler = await stack.signedIn('handler');
    assert.ok(!(await inMine(handler, caseId)), 'nobody’s yet');

    const leader = await stack.signedIn('leader');
    await openCase(leader, caseId);
    const dialog = await openCommandDialog(leader, 'assignHandler');
    await dialog.getByText('指定本单位承办此件的人员').waitFor();
    await dialog.getByLabel('承办人').click();
    const options = await leader.getByRole('option').allInnerTexts();
    assert.ok(options.includes('张承办（城管局）（承办人）') && options.includes('赵领导（城管局）（单位领导）'), options.join(' | '));
    await leader.getByRole('option', { name: '张承办（城管局）（承办人）' }).click();
    await dialog.getByLabel('备注').fill('请张承办负责跟进');
    await screenshot(leader, 'assign-handler-dialog');
    await submitDialog(dialog);

    await leader.getByTestId('handler-chengguan').filter({ hasText: '承办人：张承办（城管局）' }).waitFor();
    const read = await api.get(`/api/cases/${caseId}`, 'leader');
    assert.deepEqual(read.body.assignments.map((a: { handlerId: string | null }) => a.handlerId), ['user-handler']);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'handlerAssigned' } });
    assert.deepEqual([audit.actorId, audit.reason], ['user-leader', '请张承办负责跟进']);

    assert.ok(await inMine(handler, caseId), 'in the handler’s Mine');
    await screenshot(handler, 'department-mine-queue');
    assert.ok(!(await inMine(leader, caseId)), 'not in the leader’s');
  });

  it('offers a handler only themselves', async () => {
    const caseId = await dispatchedCase('本人承办');
    const handler = await stack.signedIn('handler');
    await openCase(handler, caseId);
    const dialog = await openCommandDialog(handler, 'assignHandler');
    await dialog.getByText('由您本人承办此件').waitFor();
    await dialog.getByLabel('承办人').click();
    assert.deepEqual(await handler.getByRole('option').allInnerTexts(), ['张承办（城管局）（承办人）']);
    await handler.getByRole('option').first().click();
    await submitDialog(dialog);
    await handler.getByTestId('handler-chengguan').filter({ hasText: '张承办（城管局）' }).waitFor();
    assert.ok(await inMine(handler, caseId));
  });
});
