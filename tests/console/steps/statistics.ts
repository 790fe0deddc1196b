// Page steps of the statistics dashboard, for the whole-life test and others.
import type { Page } from 'playwright-core';

/** Opens the dashboard (`/statistics`) from the menu and waits for the headline figures. */
export async function openStatisticsDashboard(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: /数据看板|Dashboard/ }).click();
  await page.getByTestId('kpi-received-value').waitFor();
}

/** The received count the dashboard shows for the chosen period, as a number. */
export async function readReceivedCount(page: Page): Promise<number> {
  return Number((await page.getByTestId('kpi-received-value').innerText()).replace(/[^\d]/g, ''));
}

/** Switches to one of the dashboard's tabs: overview, indicators, assessment or hotspots. */
export async function openStatisticsTab(page: Page, tab: 'overview' | 'indicators' | 'assessment' | 'hotspots'): Promise<void> {
  await page.getByTestId(`statistics-tab-${tab}`).click();
}
