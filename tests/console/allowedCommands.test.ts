// The case page's buttons are the API's allowedCommands for the signed-in user: a button appears
// when the case's state allows its command and goes once the state moves on. Preconditions go
// through the API; what the page offers is compared with what the API answers the same user.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { AdminApiClient } from '../support/adminApi';
import { screenshot, useConsoleStack } from '../support/console';
import { testPrisma } from '../support/db';
import { waitUntil } from '../support/petitions';
import { openCase } from './steps/casePage';
import { signForInUi } from './steps/department';

describe('case buttons from allowedCommands (Chromium)', () => {
  const stack = useConsoleStack();
  let api: AdminApiClient;

  before(async () => {
    api = new AdminApiClient(stack.api.url);
    await api.login('operator', 'dispatcher', 'handler', 'supervisor');
  });

  const dispatchedCase = async (title: string): Promise<string> => {
    const registered = await api.post('/api/cases', { channel: 'phone', caseTypeCode: 'complaint', title: `${title}${api.run}`, content: '解放路夜市摊贩占道经营，影响通行。', citizenPhone: '13911113333' }, 'operator');
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const caseId: string = registered.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    const dispatched = await api.post(`/api/cases/${caseId}/commands/dispatch`, { leadUnitId: 'chengguan', assistUnitIds: [] }, 'dispatcher');
    assert.equal(dispatched.status, 200, JSON.stringify(dispatched.body));
    return caseId;
  };

  const allowedByApi = async (caseId: string, user: string): Promise<string[]> => {
    const read = await api.get(`/api/cases/${caseId}`, user);
    assert.equal(read.status, 200, JSON.stringify(read.body));
    return [...(read.body.allowedCommands as string[])].sort();
  };

  /** The commands of the buttons the page shows, once `expected` (one of them) is drawn. */
  const offered = async (page: Page, expected: string): Promise<string[]> => {
    await page.getByTestId('case-actions').getByTestId(`command-${expected}`).waitFor();
    const ids = await page.getByTestId('case-actions').locator('[data-testid^="command-"]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-testid') ?? ''));
    return ids.map((id) => id.replace(/^command-/, '')).sort();
  };

  it('offers a handler signing for on a dispatched case, then handling once signed, as the API allows', async () => {
    const caseId = await dispatchedCase('按钮随状态');
    const handler = await stack.signedIn('handler');
    await openCase(handler, caseId);
    const beforeSigning = await offered(handler, 'signFor');
    assert.deepEqual(beforeSigning, ['assignHandler', 'recordContact', 'requestReturn', 'signFor']);
    assert.deepEqual(beforeSigning, await allowedByApi(caseId, 'handler'));
    assert.equal(await handler.getByTestId('command-submitResult').count(), 0, 'no result before signing for');

    await signForInUi(handler, caseId);
    await handler.getByTestId('command-submitResult').waitFor();
    await handler.getByTestId('command-requestExtension').waitFor();
    const afterSigning = await offered(handler, 'submitResult');
    assert.deepEqual(afterSigning, ['assignHandler', 'recordContact', 'requestExtension', 'requestReturn', 'subDispatch', 'submitResult']);
    assert.deepEqual(afterSigning, await allowedByApi(caseId, 'handler'));
    await screenshot(handler, 'allowed-commands-signed');
  });

  it('offers the office what the API allows it on the same case', async () => {
    const caseId = await dispatchedCase('办公室按钮');
    const dispatcher = await stack.signedIn('dispatcher');
    await openCase(dispatcher, caseId);
    assert.deepEqual(await offered(dispatcher, 'urge'), ['forwardForInformation', 'reclassify', 'suspend', 'urge']);
    assert.deepEqual(await allowedByApi(caseId, 'dispatcher'), ['forwardForInformation', 'reclassify', 'suspend', 'urge']);
    const supervisor = await stack.signedIn('supervisor');
    await openCase(supervisor, caseId);
    const shown = await offered(supervisor, 'overrideDeadline');
    assert.deepEqual(shown, ['attachLeaderInstruction', 'forwardForInformation', 'overrideDeadline', 'reclassify', 'supervise', 'suspend', 'urge']);
    assert.deepEqual(shown, await allowedByApi(caseId, 'supervisor'));
  });
});
