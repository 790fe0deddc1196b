// The supervisor's UI steps: override a deadline, issue a supervision notice.
import type { Page } from 'playwright-core';
import { openCase, openCommandDialog, submitDialog } from './casePage';

/** Overrides the case's handling deadline or its lead unit's sign-for deadline from the case page. */
export async function overrideDeadlineInUi(page: Page, caseId: string, change: { clock: 'handle' | 'signFor'; dueAt: string /* 'YYYY-MM-DD HH:mm' Shanghai */; reason: string }): Promise<void> {
  await openCase(page, caseId);
  const dialog = await openCommandDialog(page, 'overrideDeadline');
  await dialog.getByRole('combobox', { name: /时限|Time limit/ }).click();
  // The lead unit's clocks come first in the workflow's state.
  await page.getByRole('listbox').locator(`[data-clock-name="${change.clock}"]`).first().click();
  await dialog.locator('input[name="dueAt"]').fill(change.dueAt.replace(' ', 'T'));
  await dialog.locator('textarea[name="reason"]').fill(change.reason);
  await submitDialog(page.getByRole('dialog'));
}

/** Issues a supervision notice to the case's lead unit from the case page. */
export async function superviseInUi(page: Page, caseId: string, notice: { content: string; level: 1 | 2 }): Promise<void> {
  await openCase(page, caseId);
  const dialog = await openCommandDialog(page, 'supervise');
  await dialog.locator('textarea[name="content"]').fill(notice.content);
  await dialog.locator(`input[type="radio"][value="${notice.level}"]`).check();
  await submitDialog(page.getByRole('dialog'));
}
