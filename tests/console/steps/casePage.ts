// The case page as every role's steps use it: open a case (or one of its tabs), open a command's
// dialog, submit it, read the status the page shows.
import type { Locator, Page } from 'playwright-core';

/** Opens the case's page on its summary, read afresh, and waits for the case and its actions. */
export async function openCase(page: Page, caseId: string): Promise<void> {
  const target = `${new URL(page.url()).origin}/#/cases/${caseId}/show`;
  // The same address again is only a hash change: reload so that the case is read afresh.
  if (page.url() === target) await page.reload();
  else await page.goto(target);
  await page.getByTestId('case-id').filter({ hasText: caseId }).waitFor();
  await page.getByRole('heading', { name: /操作|Actions/ }).waitFor();
  // Shown from a list's cache, the case has no allowed commands until it is read itself.
  await page.getByTestId('case-actions-loading').waitFor({ state: 'detached' });
}

export async function openCaseTab(page: Page, caseId: string, tab: string): Promise<void> {
  await openCase(page, caseId);
  await page.getByTestId(`case-tab-${tab}`).click();
}

/** Opens a command's dialog from the case page's actions; returns the dialog. */
export async function openCommandDialog(page: Page, command: string): Promise<Locator> {
  await page.getByTestId(`command-${command}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  return dialog;
}

/** Submits the open dialog; resolves when it has closed, throws with the refusal or field errors otherwise. */
export async function submitDialog(dialog: Locator): Promise<void> {
  await dialog.locator('button[type="submit"]').click();
  const problem = dialog.locator('[data-testid="command-refusal"], .Mui-error').first();
  await Promise.race([dialog.waitFor({ state: 'hidden' }), problem.waitFor()]);
  if (await dialog.isVisible()) throw new Error(`the dialog did not go through: ${await dialog.innerText()}`);
}

const statusChip = (page: Page): Locator => page.getByTestId('case-title').locator('xpath=..').locator('[data-status]');

/** The case's status as its page shows it. */
export async function caseStatus(page: Page): Promise<string> {
  return (await statusChip(page).getAttribute('data-status')) ?? '';
}

/** Waits until the page shows a status other than `before`. */
export async function statusChangedFrom(page: Page, before: string): Promise<void> {
  await statusChip(page).and(page.locator(`:not([data-status="${before}"])`)).waitFor();
}

/** Waits until the page shows this status. */
export async function statusShown(page: Page, status: string): Promise<void> {
  await statusChip(page).and(page.locator(`[data-status="${status}"]`)).waitFor();
}

/** Picks a radio of a RadioButtonGroupInput by its source and the option's label. */
export async function chooseOption(dialog: Locator, source: string, option: string): Promise<void> {
  await dialog.locator(`.ra-input-${source}`).getByRole('radio', { name: option, exact: true }).check();
}
