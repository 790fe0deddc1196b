// The department's steps on a case page, as a handler or unit leader does them in the console:
// each opens the case, runs one action through its dialog and waits until the page shows the
// new state. The page must be signed in as a user of the unit concerned.
import type { Locator, Page } from 'playwright-core';
import { chooseOption, openCase, openCommandDialog, statusShown, submitDialog } from './casePage';

export interface ResultInput {
  actionsTaken: string;
  replyToCitizen: string;
  legalBasis?: string;
  handlerName: string;
  reviewerName?: string;
  citizenContacted: boolean;
  resolved?: boolean;
  attachmentPath?: string;
}

/** Waits until the command's button is gone: the case no longer offers it to this user. */
async function commandGone(page: Page, command: string): Promise<void> {
  await page.getByTestId(`command-${command}`).waitFor({ state: 'detached' });
}

export async function signForInUi(page: Page, caseId: string): Promise<void> {
  await openCase(page, caseId);
  await page.getByTestId('sign-for-countdown').waitFor();
  await submitDialog(await openCommandDialog(page, 'signFor'));
  await commandGone(page, 'signFor');
}

export async function requestReturnInUi(page: Page, caseId: string, reason: string): Promise<void> {
  await openCase(page, caseId);
  const dialog = await openCommandDialog(page, 'requestReturn');
  await dialog.getByLabel('理由').fill(reason);
  await submitDialog(dialog);
  await commandGone(page, 'requestReturn');
  await page.locator('[data-status="returnRequested"]').first().waitFor();
}

export async function requestExtensionInUi(page: Page, caseId: string, request: { workingDays: number; reason: string }): Promise<void> {
  await openCase(page, caseId);
  const dialog = await openCommandDialog(page, 'requestExtension');
  await dialog.getByLabel('延长工作日数').fill(String(request.workingDays));
  await dialog.getByLabel('理由').fill(request.reason);
  await submitDialog(dialog);
  // The case's state does not change until the office decides: the console confirms the request.
  await page.getByText('已提交：申请延期').waitFor();
}

export async function submitAssistOpinionInUi(page: Page, caseId: string, opinion: string): Promise<void> {
  await openCase(page, caseId);
  const dialog = await openCommandDialog(page, 'submitAssistOpinion');
  await dialog.getByLabel('协办意见').fill(opinion);
  await submitDialog(dialog);
  await commandGone(page, 'submitAssistOpinion');
  await page.getByText(opinion).first().waitFor();
}

/** Fills the result form (the dialog already open), uploading the attachment if one is given. */
export async function fillResultForm(dialog: Locator, result: ResultInput): Promise<void> {
  await dialog.getByLabel('办理情况').fill(result.actionsTaken);
  await dialog.getByLabel('答复市民内容').fill(result.replyToCitizen);
  if (result.legalBasis !== undefined) await dialog.getByLabel('政策法规依据').fill(result.legalBasis);
  await dialog.getByLabel('承办人').fill(result.handlerName);
  if (result.reviewerName !== undefined) await dialog.getByLabel('审核人').fill(result.reviewerName);
  await chooseOption(dialog, 'citizenContacted', result.citizenContacted ? '是' : '否');
  await chooseOption(dialog, 'resolved', result.resolved === undefined ? '不确定' : result.resolved ? '是' : '否');
  if (result.attachmentPath !== undefined) {
    const listed = await dialog.getByTestId('result-attachment').count();
    await dialog.getByTestId('attachment-file-input').setInputFiles(result.attachmentPath);
    await dialog.getByTestId('result-attachment').nth(listed).waitFor();
  }
}

export async function submitResultInUi(page: Page, caseId: string, result: ResultInput): Promise<void> {
  await openCase(page, caseId);
  const dialog = await openCommandDialog(page, 'submitResult');
  await fillResultForm(dialog, result);
  await submitDialog(dialog);
  await commandGone(page, 'submitResult');
  await page.getByText(result.actionsTaken).first().waitFor();
}

export async function approveResultInUi(page: Page, caseId: string, comment?: string): Promise<void> {
  await openCase(page, caseId);
  const dialog = await openCommandDialog(page, 'unitApprove');
  await dialog.getByTestId('submitted-result').waitFor();
  if (comment !== undefined) await dialog.getByLabel('意见').fill(comment);
  await submitDialog(dialog);
  await statusShown(page, 'unitApproved');
}

/** Passes the case to one or several sub-units (their names as the picker shows them). */
export async function subDispatchInUi(page: Page, caseId: string, subUnitNames: string | string[], instructions?: string): Promise<void> {
  await openCase(page, caseId);
  const dialog = await openCommandDialog(page, 'subDispatch');
  await dialog.getByLabel('下级单位').click();
  for (const name of [subUnitNames].flat()) await page.getByRole('option', { name }).click();
  // The picker takes several: it stays open until dismissed.
  await page.keyboard.press('Escape');
  if (instructions !== undefined) await dialog.getByLabel('办理要求').fill(instructions);
  await submitDialog(dialog);
  await statusShown(page, 'subDispatched');
}

/** Accepts the sub-unit's result, or sends it back with a comment. */
export async function reviewSubResultInUi(page: Page, caseId: string, review: { accept: boolean; comment?: string }): Promise<void> {
  await openCase(page, caseId);
  const dialog = await openCommandDialog(page, 'reviewSubResult');
  await dialog.getByTestId('submitted-result').waitFor();
  await chooseOption(dialog, 'decision', review.accept ? '通过' : '退回下级重办');
  if (review.comment !== undefined) await dialog.getByLabel('意见').fill(review.comment);
  await submitDialog(dialog);
  await commandGone(page, 'reviewSubResult');
}
