// 保密 in the console (Chromium, issue 20): the handling unit sees the 保密 badge and the citizen
// withheld; a supervisor lifts it through the dialog with a reason (audited), and the badge goes.
// The case list marks confidential cases (保密 / Confidential); a dispatcher names the unit
// complained about with the unit picker and a reason; an admin toggles a case type's 默认保密.
// The dialogs check their inputs before sending and show the API's refusals in Chinese.
import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from '../../prisma/seed/users';
import { screenshot, settled, useConsoleStack } from '../support/console';
import { testPrisma } from '../support/db';
import { postJson } from '../support/http';
import { waitUntil } from '../support/petitions';

describe('confidential cases (Chromium)', () => {
  const stack = useConsoleStack();
  const login = async (username: string) => ({ authorization: `Bearer ${(await postJson(`${stack.api.url}/auth/login`, { username, password: DEMO_PASSWORD })).body.accessToken}` });

  /** Registers a case as the operator and waits for its row. */
  async function registered(fields: Record<string, unknown>): Promise<string> {
    const answer = await postJson(`${stack.api.url}/api/cases`, { channel: 'phone', caseTypeCode: 'complaint', content: '解放路夜市占道经营，影响通行。', citizenName: '李四', citizenPhone: '13911117777', ...fields }, await login('operator'));
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    const caseId: string = answer.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    return caseId;
  }

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
    // No reason: the field says so and nothing is sent.
    await supervisor.getByTestId('confidentiality-save').click();
    await supervisor.locator('[data-testid="confidentiality-reason"][aria-invalid="true"]').waitFor();
    await supervisor.getByRole('dialog').getByText('必填').waitFor();
    assert.equal((await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).confidential, true);
    assert.equal(await testPrisma().auditEvent.count({ where: { entityType: 'case', entityId: caseId, action: 'confidentialityChanged' } }), 0);
    await supervisor.getByTestId('confidentiality-reason').fill('市民书面同意向承办单位公开身份');
    await supervisor.getByTestId('confidentiality-save').click();
    await supervisor.getByTestId('case-confidential').waitFor({ state: 'detached' });
    await screenshot(supervisor, 'confidentiality-lifted');
    assert.equal((await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).confidential, false);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'case', entityId: caseId, action: 'confidentialityChanged' } });
    assert.deepEqual([audit.actorId, audit.reason], ['user-supervisor', '市民书面同意向承办单位公开身份']);
  });

  it('marks confidential cases in the case list: 保密, and Confidential in English', async () => {
    const confidential = await registered({ title: '保密标记测试', confidential: true });
    const plain = await registered({ title: '普通标记测试' });
    const page = await stack.signedIn('dispatcher');
    await page.goto(new URL(`#/cases?filter=${encodeURIComponent(JSON.stringify({ id: [confidential, plain] }))}`, page.url()).href);
    await settled(page);
    const row = (caseId: string) => page.locator('tbody tr', { hasText: caseId });
    await row(confidential).locator('[data-mark="confidential"]').waitFor();
    assert.equal((await row(confidential).locator('[data-mark="confidential"]').innerText()).trim(), '保密');
    await row(plain).waitFor();
    assert.equal(await row(plain).locator('[data-mark="confidential"]').count(), 0);

    await page.getByRole('button', { name: /语言|Language|中文/ }).first().click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await row(confidential).locator('[data-mark="confidential"]', { hasText: 'Confidential' }).waitFor();
    await screenshot(page, 'case-list-confidential-en');
  });

  it('lets a dispatcher name the unit complained about with the unit picker and a reason, audited; units cannot', async () => {
    const caseId = await registered({ title: '投诉执法人员', content: '城管执法人员态度恶劣。' });
    const supervisorView = await stack.signedIn('supervisor');
    await supervisorView.goto(new URL(`#/cases/${caseId}/show`, supervisorView.url()).href);
    await settled(supervisorView);
    await supervisorView.getByTestId('complained-unit-open').waitFor();

    const page = await stack.signedIn('dispatcher');
    await page.goto(new URL(`#/cases/${caseId}/show`, page.url()).href);
    await settled(page);
    assert.equal(await page.getByTestId('confidentiality-toggle').count(), 0, '保密 stays the supervisor’s');
    await page.getByTestId('complained-unit-open').click();
    // Named by its title, as a screen reader announces it.
    const dialog = page.getByRole('dialog', { name: '指定被投诉单位（回避）' });
    // Unchanged and without a reason: both inputs say so, and nothing is sent.
    await page.getByTestId('complained-unit-save').click();
    await page.locator('[data-testid="complained-unit-input"][aria-invalid="true"]').waitFor();
    await dialog.getByText('与当前相同').waitFor();
    await page.locator('[data-testid="complained-unit-reason"][aria-invalid="true"]').waitFor();
    await page.getByTestId('complained-unit-input').fill('城市管理局');
    await page.getByRole('option', { name: '市城市管理局', exact: true }).click();
    await page.locator('[data-testid="complained-unit-input"][aria-invalid="false"]').waitFor();
    // A unit but still no reason.
    await page.getByTestId('complained-unit-save').click();
    await dialog.getByText('必填').waitFor();
    assert.equal(await page.locator('[data-testid="complained-unit-reason"][aria-invalid="true"]').count(), 1);
    assert.equal((await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).complainedUnitId, null);
    // Spaces alone: the API trims them away, so the form counts them as empty too (the console's shared text rule).
    await page.getByTestId('complained-unit-reason').fill('   ');
    await page.getByTestId('complained-unit-save').click();
    await dialog.getByText('不能只填空格').waitFor();
    assert.equal(await testPrisma().auditEvent.count({ where: { entityType: 'case', entityId: caseId, action: 'complainedUnitChanged' } }), 0);
    await page.getByTestId('complained-unit-reason').fill('来电人投诉城管执法人员');
    await page.getByTestId('complained-unit-save').click();
    await page.getByTestId('case-recused').waitFor();
    await screenshot(page, 'complained-unit-named');
    assert.equal((await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).complainedUnitId, 'chengguan');
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'case', entityId: caseId, action: 'complainedUnitChanged' } });
    assert.deepEqual([audit.actorId, audit.reason], ['user-dispatcher', '来电人投诉城管执法人员']);

    const dispatched = await postJson(`${stack.api.url}/api/cases/${caseId}/commands/dispatch`, { leadUnitId: 'chengguan', assistUnitIds: [] }, await login('dispatcher'));
    assert.equal(dispatched.status, 200, JSON.stringify(dispatched.body));
    const unit = await stack.signedIn('handler');
    await unit.goto(new URL(`#/cases/${caseId}/show`, unit.url()).href);
    await settled(unit);
    await unit.getByTestId('case-recused').waitFor();
    assert.equal(await unit.getByTestId('complained-unit-open').count(), 0, 'units cannot name it');
  });

  it('shows the API’s refusal in Chinese when another supervisor changed 保密 meanwhile, and keeps the dialog and its reason', async () => {
    const caseId = await registered({ title: '保密冲突测试', confidential: true });
    const page = await stack.signedIn('supervisor');
    await page.goto(new URL(`#/cases/${caseId}/show`, page.url()).href);
    await settled(page);
    await page.getByTestId('case-confidential').waitFor();
    await page.getByTestId('confidentiality-toggle').click();
    await page.getByTestId('confidentiality-reason').fill('市民同意公开身份');

    // The same change through the API first, as another supervisor would (another session).
    const first = await postJson(`${stack.api.url}/api/cases/${caseId}/confidentiality`, { confidential: false, reason: '另一位督办员已解除' }, await login('supervisor'));
    assert.equal(first.status, 200, JSON.stringify(first.body));

    await page.getByTestId('confidentiality-save').click();
    const refusal = page.getByRole('dialog').getByRole('alert').and(page.getByTestId('form-refusal'));
    await refusal.waitFor();
    // Its kind in the user's language (by the code, invalidState), the API's own reason below it.
    const [headline] = (await refusal.innerText()).trim().split('\n');
    assert.equal(headline, '当前状态下不能执行该操作：状态可能刚被他人改变，请刷新后查看');
    assert.equal(await refusal.getByTestId('form-refusal-detail').innerText(), 'the case is not confidential');
    assert.equal(await page.getByTestId('confidentiality-reason').inputValue(), '市民同意公开身份', 'the reason is kept');
    await screenshot(page, 'confidentiality-refused');
    assert.equal((await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).confidential, false, 'lifted once, by the API');
    const audits = await testPrisma().auditEvent.findMany({ where: { entityType: 'case', entityId: caseId, action: 'confidentialityChanged' } });
    assert.deepEqual(audits.map((audit) => audit.reason), ['另一位督办员已解除'], 'the refused save wrote nothing');
  });

  it('lets an admin make a case type confidential by default (默认保密) with a reason, audited', async () => {
    const prisma = testPrisma();
    const page = await stack.signedIn('admin');
    await page.goto(new URL('#/case-types', page.url()).href);
    await settled(page);
    const toggle = page.getByTestId('case-type-confidential-help');
    await toggle.waitFor();
    assert.equal(await toggle.isChecked(), false);
    assert.equal(await page.getByTestId('case-type-confidential-report').isChecked(), true, '举报 is confidential by default');
    try {
      await toggle.click();
      await page.getByTestId('case-type-reason').fill('求助类涉及个人隐私');
      await page.getByTestId('case-type-save').click();
      await waitUntil(async () => (await prisma.caseType.findUniqueOrThrow({ where: { code: 'help' } })).confidentialByDefault);
      await waitUntil(async () => toggle.isChecked());
      await screenshot(page, 'case-type-confidential-default');
      const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'caseType', entityId: 'help', actorId: 'user-admin' } });
      assert.equal(audit.reason, '求助类涉及个人隐私');
    } finally {
      // The seeded row, as other suites expect it.
      await prisma.caseType.update({ where: { code: 'help' }, data: { confidentialByDefault: false } });
    }
  });
});
