// The handling modes in Chromium against the real stack: the dispatcher dispatches by phone and
// forwards a case for information (转阅), the unit it went to marks it read from its own case
// page, and the supervisor attaches a leader's instruction (领导批示). Preconditions go through the API.
import assert from 'node:assert/strict';
import { AdminApiClient } from '../support/adminApi';
import { screenshot, useConsoleStack } from '../support/console';
import { testPrisma } from '../support/db';
import { waitUntil } from '../support/petitions';
import { chooseOption, openCase, openCommandDialog, submitDialog } from './steps/casePage';

describe('handling modes console (Chromium)', () => {
  const stack = useConsoleStack();
  let api: AdminApiClient;

  before(async () => {
    api = new AdminApiClient(stack.api.url);
    await api.login('operator', 'dispatcher', 'donghu', 'supervisor');
  });

  const register = async (title: string): Promise<string> => {
    const response = await api.post('/api/cases', { channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: `${title}${api.run}`, content: '解放路夜市占道经营，影响通行。', citizenPhone: '13911116666' }, 'operator');
    assert.equal(response.status, 201, JSON.stringify(response.body));
    const caseId: string = response.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    return caseId;
  };
  const row = (caseId: string) => testPrisma().case.findUniqueOrThrow({ where: { id: caseId } });

  it('dispatches by phone (3 working days), then forwards the case to 东湖区, which marks it read', async () => {
    const caseId = await register('电话交办');
    const dispatcher = await stack.signedIn('dispatcher');
    await openCase(dispatcher, caseId);
    let dialog = await openCommandDialog(dispatcher, 'dispatch');
    await dialog.getByTestId('unit-row-chengguan').getByTestId('suggested-unit').waitFor();
    assert.ok(await dialog.locator('.ra-input-mode').getByRole('radio', { name: '系统派单', exact: true }).isChecked(), 'the system’s mode by default');
    await chooseOption(dialog, 'mode', '电话交办');
    await submitDialog(dialog);
    await waitUntil(async () => (await row(caseId)).dispatchMode === 'phone');
    const dispatched = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'dispatched' } });
    const handle = (dispatched.payload as { clocks: { key: string; limit: unknown }[] }).clocks.find((c) => c.key === 'handle');
    assert.deepEqual(handle?.limit, { amount: 3, unit: 'workingDays' }, 'the phone policy’s limit');

    await dispatcher.reload();
    dialog = await openCommandDialog(dispatcher, 'forwardForInformation');
    await dialog.getByText('转阅单位可查看本工单，无需答复').waitFor();
    await dialog.locator('.ra-input-unitIds input').fill('东湖');
    await dispatcher.getByRole('option', { name: '东湖区', exact: true }).click();
    await dialog.locator('[name="note"]').fill('涉及东湖区夜市管理，请知悉');
    await submitDialog(dialog);
    await waitUntil(async () => (await row(caseId)).readerUnitIds.includes('donghu'));
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'forwardedForInformation' } });
    assert.deepEqual([audit.actorRole, audit.reason], ['dispatcher', '涉及东湖区夜市管理，请知悉']);

    const donghu = await stack.signedIn('donghu');
    await openCase(donghu, caseId);
    dialog = await openCommandDialog(donghu, 'markForwardRead');
    await dialog.getByText('本工单转阅本单位知悉，无需答复').waitFor();
    await screenshot(donghu, 'handling-modes-forward-read');
    await submitDialog(dialog);
    await waitUntil(async () => (await row(caseId)).readByUnitIds.includes('donghu'));
    assert.deepEqual((await api.get(`/api/cases/${caseId}`, 'donghu')).body.allowedCommands, [], 'read once: nothing left for the unit');
    await donghu.reload();
    await donghu.getByTestId('case-title').waitFor();
    await waitUntil(async () => (await donghu.getByTestId('command-markForwardRead').count()) === 0);
  });

  it('the supervisor attaches a leader’s instruction: required fields in place, then the case has priority', async () => {
    const caseId = await register('领导批示');
    const dispatched = await api.post(`/api/cases/${caseId}/commands/dispatch`, { leadUnitId: 'chengguan' }, 'dispatcher');
    assert.equal(dispatched.status, 200, JSON.stringify(dispatched.body));
    const supervisor = await stack.signedIn('supervisor');
    await openCase(supervisor, caseId);
    const dialog = await openCommandDialog(supervisor, 'attachLeaderInstruction');
    await dialog.getByText('批示附于工单，工单在列表中优先显示').waitFor();
    await dialog.locator('button[type="submit"]').click();
    await dialog.locator('.Mui-error').first().waitFor();
    assert.equal((await row(caseId)).leaderInstructedAt, null, 'nothing was sent');
    await dialog.locator('[name="leaderName"]').fill('王明');
    await dialog.locator('[name="leaderTitle"]').fill('副市长');
    await dialog.locator('[name="instruction"]').fill('请三日内处理到位并报结果。');
    await screenshot(supervisor, 'handling-modes-leader-instruction');
    await submitDialog(dialog);
    await waitUntil(async () => (await row(caseId)).leaderInstructedAt !== null);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'leaderInstructionAttached' } });
    assert.deepEqual([audit.actorRole, audit.reason], ['supervisor', '请三日内处理到位并报结果。']);
  });
});
