// The caller blocklist screen in Chromium (issue 20): an operator proposes a block, a supervisor
// approves it and later lifts it with a reason; a refusal (a second block of the same number)
// is shown in the dialog; the operator gets no review buttons.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { screenshot, settled, useConsoleStack } from '../support/console';
import { testPrisma } from '../support/db';
import { randomMobile } from '../support/ivr';

describe('caller blocklist (Chromium)', () => {
  const stack = useConsoleStack();

  const open = async (page: Page) => {
    await page.goto(new URL('#/blocked-callers', page.url()).href);
    await settled(page);
  };
  const rowOf = (page: Page, number: string) => page.getByTestId('blocked-caller').filter({ hasText: number });

  it('is proposed by an operator, approved and lifted by a supervisor, each with its reason', async () => {
    const number = randomMobile();
    const operator = await stack.signedIn('operator');
    await open(operator);
    await operator.getByTestId('propose-block').click();
    await operator.locator('[name="number"]').fill(number.slice(3));
    await operator.locator('[name="reason"]').fill('每天多次来电辱骂话务员');
    await operator.locator('[name="days"]').fill('3');
    await operator.getByTestId('block-dialog-submit').click();
    await rowOf(operator, number).waitFor();
    assert.equal(await rowOf(operator, number).getByTestId('approve-block').count(), 0, 'operators do not review');

    // The same number again: the API's refusal is shown in the dialog, which stays open: its kind
    // in the user's language (by its code, invalidState) over the API's own reason.
    await operator.getByTestId('propose-block').click();
    await operator.locator('[name="number"]').fill(number);
    await operator.locator('[name="reason"]').fill('再次申请');
    await operator.getByTestId('block-dialog-submit').click();
    const refusal = operator.getByRole('alert').and(operator.getByTestId('form-refusal'));
    await refusal.getByTestId('form-refusal-detail').filter({ hasText: 'pending block already' }).waitFor();
    assert.match(await refusal.innerText(), /^当前状态下不能执行该操作/);
    await operator.getByRole('button', { name: '取消' }).click();

    const supervisor = await stack.signedIn('supervisor');
    await open(supervisor);
    await rowOf(supervisor, number).getByTestId('approve-block').click();
    await supervisor.locator('[name="comment"]').fill('已核实录音');
    await supervisor.getByTestId('block-dialog-submit').click();
    await rowOf(supervisor, number).waitFor({ state: 'detached' });
    await supervisor.getByTestId('block-status-active').click();
    await rowOf(supervisor, number).getByTestId('lift-block').click();
    await supervisor.locator('[name="reason"]').fill('市民已道歉');
    await supervisor.getByTestId('block-dialog-submit').click();
    await rowOf(supervisor, number).waitFor({ state: 'detached' });
    await supervisor.getByTestId('block-status-lifted').click();
    await rowOf(supervisor, number).filter({ hasText: '已核实录音 / 市民已道歉' }).waitFor();
    await screenshot(supervisor, 'blocked-callers-lifted');

    const block = await testPrisma().blockedCaller.findFirstOrThrow({ where: { number } });
    assert.deepEqual([block.decision, block.days, block.reviewComment, block.liftReason], ['lifted', 3, '已核实录音', '市民已道歉']);
    const actions = await testPrisma().auditEvent.findMany({ where: { entityType: 'blockedCaller', entityId: block.id, action: { not: 'citizenIdentityRead' } }, orderBy: { occurredAt: 'asc' }, select: { action: true } });
    assert.deepEqual(actions.map((a) => a.action), ['blockProposed', 'blockApproved', 'blockLifted']);
  });
});
