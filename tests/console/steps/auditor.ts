// The auditor's UI steps: replay a case to one of its events, read its timeline.
import type { Page } from 'playwright-core';
import { openCaseTab } from './casePage';

/** Opens the case's "state as of" tab and moves the slider to the event at `eventIndex` (0-based, oldest first); returns the replayed status text shown. */
export async function replayToEventInUi(page: Page, caseId: string, eventIndex: number): Promise<string> {
  await openCaseTab(page, caseId, 'stateAsOf');
  const slider = page.getByTestId('replay-slider');
  await slider.focus();
  await slider.press('Home');
  for (let i = 0; i < eventIndex; i += 1) await slider.press('ArrowRight');
  const status = page.locator(`[data-testid="replayed-status"][data-event-index="${eventIndex}"]`);
  await status.waitFor();
  return (await status.getByTestId('replayed-status-value').innerText()).trim();
}

export async function openTimelineInUi(page: Page, caseId: string): Promise<string[]> /* the actions' labels, oldest first */ {
  await openCaseTab(page, caseId, 'timeline');
  await page.getByTestId('timeline-row').first().waitFor();
  return (await page.getByTestId('timeline-action').allInnerTexts()).map((label) => label.trim());
}
