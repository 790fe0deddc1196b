// 保密 in the console (Chromium, issue 20): the handling unit sees the 保密 badge and the citizen
// withheld; a supervisor lifts it through the dialog with a reason (audited), and the badge goes.
import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from '../../prisma/seed/users';
import { screenshot, settled, useConsoleStack } from '../support/console';
import { testPrisma } from '../support/db';
import { postJson } from '../support/http';
import { waitUntil } from '../support/petitions';

describe('confidential cases (Chromium)', () => {
  const stack = useConsoleStack();

  it('shows a unit the 保密 badge and no identity; a supervisor lifts it with a reason', async () => {
    const login = async (username: string) => ({ authorization: `Bearer ${(await postJson(`${stack.api.url}/auth/login`, { username, password: DEMO_PASSWORD })).body.accessToken}` });
    const registered = await postJson(
      `${stack.api.url}/api/cases`,
      { channel: 'phone', caseTypeCode: 'complaint', title: '夜市占道经营', content: '王小明反映解放路夜市占道经营，电话13911116666。', citizenName: '王小明', citizenPhone: '13911116666', confidential: true },
      await login('operator'),
    );
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const caseId: string = registered.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    const dispatched = await postJson(`${stack.api.url}/api/cases/${caseId}/commands/dispatch`, { leadUnitId: 'chengguan', assistUnitIds: [] }, await login('dispatcher'));
    assert.equal(dispatched.status, 200, JSON.stringify(dispatched.body));

    const handler = await stack.signedIn('handler');
    await handler.goto(new URL(`#/cases/${caseId}/show`, handler.url()).href);
    await settled(handler);
    await handler.getByTestId('case-confidential').waitFor();
    const shown = await handler.locator('body').innerText();
    assert.ok(!shown.includes('王小明') && !shown.includes('王*') && !shown.includes('6666'), shown);
    assert.ok(shown.includes('［保密］'));
    assert.equal(await handler.getByTestId('confidentiality-toggle').count(), 0, 'units cannot lift it');

    const supervisor = await stack.signedIn('supervisor');
    await supervisor.goto(new URL(`#/cases/${caseId}/show`, supervisor.url()).href);
    await settled(supervisor);
    await supervisor.getByTestId('case-confidential').waitFor();
    await supervisor.getByTestId('confidentiality-toggle').click();
    await supervisor.getByTestId('confidentiality-reason').fill('市民书面同意向承办单位公开身份');
    await supervisor.getByTestId('confidentiality-save').click();
    await supervisor.getByTestId('case-confidential').waitFor({ state: 'detached' });
    await screenshot(supervisor, 'confidentiality-lifted');
    assert.equal((await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).confidential, false);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'case', entityId: caseId, action: 'confidentialityChanged' } });
    assert.deepEqual([audit.actorId, audit.reason], ['user-supervisor', '市民书面同意向承办单位公开身份']);
  });
});
