// Steps shared by the oversight roles' UI steps: open a case's page, a tab, and submit a command dialog.
import type { Locator, Page } from 'playwright-core';

/** Opens the case's page (hash route) on its summary and waits until it shows the case. */
export async function openCasePage(page: Page, caseId: string): Promise<void> {
  const url = new URL(`/#/cases/${caseId}/show`, page.url()).toString();
  // Already there (on another tab of the page): a reload brings back the summary.
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  await page.getByTestId('case-id').filter({ hasText: caseId }).waitFor();
}

export async function openCaseTab(page: Page, caseId: string, tab: string): Promise<void> {
  await openCasePage(page, caseId);
  await page.getByTestId(`case-tab-${tab}`).click();
}

/** Opens a command's dialog from the case page's actions; returns the dialog. */
export async function openCommandDialog(page: Page, command: string): Promise<Locator> {
  await page.getByTestId(`command-${command}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  return dialog;
}

/** Submits the open dialog and waits until it closes; throws with what the form shows if it stays open. */
export async function submitCommandDialog(page: Page, timeoutMs = 15_000): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: /提交|Submit/ }).click();
  const deadline = Date.now() + timeoutMs;
  while (await dialog.isVisible()) {
    const problems = await dialog.locator('[data-testid="command-refusal"], .Mui-error.MuiFormHelperText-root').allInnerTexts();
    if (problems.some((text) => text.trim() !== '')) throw new Error(`the command was not accepted: ${problems.join(' / ')}`);
    if (Date.now() > deadline) throw new Error('the command dialog stayed open');
    await page.waitForTimeout(100);
  }
}
