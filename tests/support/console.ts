// The console in a real browser: the API stack serving the built admin-ui/dist, and Debian's
// Chromium driven by playwright-core. `npm test` builds the console before the suite runs.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEFAULT_ADMIN_UI_DIR } from '../../api/app';
import type { AppDeps } from '../../api/deps';
import { PROJECT_ROOT } from '../../config/env';
import { DEMO_PASSWORD } from '../../prisma/seed/users';
import { useApiStack, type ApiStack } from './apiStack';
import { useOwnDatabase } from './db';
import { startedParts, type Parts } from './startedParts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** What a reviewer looks at: screenshots of home pages and case pages (ignored by git). */
export const ARTIFACTS_DIR = path.join(PROJECT_ROOT, 'tests', 'artifacts');

/** The smallest screen the console is built for. */
export const VIEWPORT = { width: 1366, height: 768 };

export interface ConsoleStack extends ApiStack {
  readonly browser: Browser;
  /** A fresh browser context (its own session storage) with one page, signed in as `username`. */
  signedIn(username: string): Promise<Page>;
}

/** Call at the top of a describe block, before its own hooks. */
export function useConsoleStack(overrides: Partial<AppDeps> = {}): ConsoleStack {
  // The console's pages show queues and totals: another suite's cases must not crowd them.
  useOwnDatabase('console');
  // The same object: a hook registered before this call may still fill it in (read when the API starts).
  const stack = useApiStack(Object.assign(overrides, { adminUiDir: DEFAULT_ADMIN_UI_DIR }));
  const parts: Parts<{ browser: Browser }> = {};
  const contexts: BrowserContext[] = [];

  before(async () => {
    parts.browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });

  afterEach(async function () {
    // A failing test leaves a picture of every open page behind it.
    if (this.currentTest?.state === 'failed') {
      for (const [i, page] of contexts.flatMap((context) => context.pages()).entries()) {
        await screenshot(page, `failed-${slug(this.currentTest.title)}-${i}`).catch(() => undefined);
      }
    }
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  after(async () => {
    await parts.browser?.close();
  });

  const browserParts = startedParts(parts, ['browser'], 'browser');
  return {
    get env() { return stack.env; },
    get h() { return stack.h; },
    get api() { return stack.api; },
    get browser() { return browserParts.browser; },
    async signedIn(username: string) {
      const context = await browserParts.browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      contexts.push(context);
      const page = await context.newPage();
      await logIn(page, stack.api.url, username);
      return page;
    },
  };
}

/** Signs in through the login form and waits for the home page. */
export async function logIn(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/#/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.getByRole('heading', { name: /您好|Hello/ }).waitFor();
}

/**
 * Waits until the page has drawn its data: no loading bar, spinner or skeleton left. (Not
 * "network idle": the operators' pages keep the live call feed open.)
 */
export async function settled(page: Page): Promise<void> {
  await page.locator('.RaSidebar-fixed a').first().waitFor();
  await page.locator('[role="progressbar"], .MuiSkeleton-root').first().waitFor({ state: 'detached', timeout: 15_000 });
}

/** Saves a full-page screenshot as tests/artifacts/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  // Transitions finished (a slider's thumb mid-way would misstate where it is).
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

const slug = (title: string) => title.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
