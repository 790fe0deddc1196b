// The dispatcher's steps on a case page, for composed browser tests. Each opens the case, runs
// one action through its dialog (zh-CN labels), and waits until the page shows the outcome. A
// refused command or a field error fails the step with what the page said.
import type { Locator, Page } from 'playwright-core';
import { caseStatus, openCase, openCommandDialog, statusChangedFrom, submitDialog } from './casePage';

/** Runs a dialog and waits until the case has left the status it had. */
async function runAndAwaitNewStatus(page: Page, caseId: string, command: string, fill: (dialog: Locator) => Promise<void>): Promise<void> {
  await openCase(page, caseId);
  const before = await caseStatus(page);
  const dialog = await openCommandDialog(page, command);
  await fill(dialog);
  await submitDialog(dialog);
  await statusChangedFrom(page, before);
}

export async function chooseUnits(dialog: Locator, units: { lead: string; assists: string[] }): Promise<void> {
  await dialog.getByRole('radio', { name: `主办 ${units.lead}`, exact: true }).check();
  for (const name of units.assists) await dialog.getByRole('checkbox', { name: `协办 ${name}`, exact: true }).check();
}

export async function dispatchInUi(page: Page, caseId: string, units: { lead: string; assists: string[] } /* unit names as shown, e.g. '市城市管理局' */): Promise<void> {
  await runAndAwaitNewStatus(page, caseId, 'dispatch', (dialog) => chooseUnits(dialog, units));
}

export async function decideReturnInUi(page: Page, caseId: string, decision: { approve: false; reason: string } | { approve: true; reason: string; lead: string }): Promise<void> {
  await runAndAwaitNewStatus(page, caseId, 'decideReturn', async (dialog) => {
    await dialog.getByRole('radio', { name: decision.approve ? '同意退回并改派' : '不同意退回', exact: true }).check();
    if (decision.approve) await chooseUnits(dialog, { lead: decision.lead, assists: [] });
    await dialog.locator('[name="reason"]').fill(decision.reason);
  });
}

export async function decideExtensionInUi(page: Page, caseId: string, decision: { approve: boolean; reason: string }): Promise<void> {
  await openCase(page, caseId);
  const dialog = await openCommandDialog(page, 'decideExtension');
  await dialog.getByRole('radio', { name: decision.approve ? '批准延期' : '不批准', exact: true }).check();
  await dialog.locator('[name="reason"]').fill(decision.reason);
  await submitDialog(dialog);
  // The status stays; the request is decided, so its action goes away.
  await page.getByTestId('command-decideExtension').waitFor({ state: 'detached' });
}

export async function reviewInUi(page: Page, caseId: string, decision: { accept: boolean; comment?: string }): Promise<void> {
  await runAndAwaitNewStatus(page, caseId, 'review', async (dialog) => {
    await dialog.getByRole('radio', { name: decision.accept ? '审核通过' : '退回重办', exact: true }).check();
    if (decision.comment !== undefined) await dialog.locator('[name="comment"]').fill(decision.comment);
  });
}

export async function recordCallbackInUi(page: Page, caseId: string, callback: { satisfaction: 'satisfied' | 'basicallySatisfied' | 'unsatisfied'; resolved: boolean; comment?: string }): Promise<void> {
  const satisfaction = { satisfied: '满意', basicallySatisfied: '基本满意', unsatisfied: '不满意' }[callback.satisfaction];
  await runAndAwaitNewStatus(page, caseId, 'recordCallback', async (dialog) => {
    await dialog.getByRole('radio', { name: '已联系上', exact: true }).check();
    await dialog.getByRole('radio', { name: satisfaction, exact: true }).check();
    await dialog.getByRole('radio', { name: callback.resolved ? '已解决' : '未解决', exact: true }).check();
    if (callback.comment !== undefined) await dialog.locator('[name="comment"]').fill(callback.comment);
  });
}
