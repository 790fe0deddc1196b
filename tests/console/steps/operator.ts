// The operator's steps in the console, for tests that carry a case through its life.
import type { Page } from 'playwright-core';

export interface IntakeInput { phone: string; citizenName?: string; caseType: string /* shown name, e.g. '投诉' */; category: string /* leaf name as shown */; title: string; content: string; address?: string; /** Ticks “the caller agrees to publish the result”. */ publishConsent?: boolean; }

/** Opens the intake form (pre-filled with a number when given). */
export async function openIntake(page: Page, phone?: string): Promise<void> {
  const query = phone === undefined ? '' : `?${new URLSearchParams({ phone, channel: 'phone' }).toString()}`;
  await page.goto(new URL(`#/intake${query}`, page.url()).href);
  await page.getByTestId('intake-submit').waitFor();
}

/**
 * Types the intake form as an operator does, from the keyboard only: the phone has the focus,
 * Tab moves on, a picker takes the highlighted match with Enter. Does not submit.
 */
export async function typeIntake(page: Page, input: IntakeInput): Promise<void> {
  const phone = page.locator('input[name="citizenPhone"]');
  await phone.waitFor();
  await page.waitForFunction("document.activeElement?.getAttribute('name') === 'citizenPhone'");
  await page.keyboard.type(input.phone);
  await page.keyboard.press('Tab');
  await page.keyboard.type(input.citizenName ?? '');
  await page.keyboard.press('Tab');
  await pick(page, 'caseTypeCode', input.caseType);
  await page.keyboard.press('Tab');
  await pick(page, 'categoryId', input.category);
  await page.keyboard.press('Tab'); // urgency: the default
  await page.keyboard.press('Tab');
  await page.keyboard.type(input.address ?? '');
  await page.keyboard.press('Tab');
  await page.keyboard.type(input.title);
  await page.keyboard.press('Tab');
  await page.keyboard.type(input.content);
  if (input.publishConsent) await page.locator('input[name="publishConsent"]').check();
  // On a loaded machine a keystroke can land before the next field has the focus: the form
  // would then refuse to send, and the test would blame the submit. Check what landed.
  const typed: Array<[string, string]> = [['citizenPhone', input.phone], ['title', input.title], ['content', input.content]];
  for (const [name, value] of typed) {
    const holds = await page.locator(`[name="${name}"]`).first().inputValue();
    if (holds !== value) throw new Error(`typeIntake: ${name} holds ${JSON.stringify(holds)}, not ${JSON.stringify(value)}`);
  }
}

/** The form's visible field errors, to explain a form that did not send. */
export async function intakeFieldErrors(page: Page): Promise<string[]> {
  return page.locator('form .Mui-error').allInnerTexts();
}

/** Types into the focused picker until its option list shows `text`, and takes the first match. */
async function pick(page: Page, source: string, text: string): Promise<void> {
  await page.keyboard.type(text);
  await page.getByRole('option', { name: new RegExp(`${text}$`) }).first().waitFor();
  await page.keyboard.press('Enter');
  const input = page.locator(`input[name="${source}"]`);
  for (let tries = 0; !(await input.inputValue()).endsWith(text); tries++) {
    if (tries > 50) throw new Error(`${source}: ${text} was not taken`);
    await page.waitForTimeout(100);
  }
}

/** The number and password shown after registration. */
export async function registeredCase(page: Page): Promise<{ caseId: string; queryPassword: string }> {
  const caseId = (await page.getByTestId('registered-case-id').innerText()).trim();
  const queryPassword = (await page.getByTestId('registered-query-password').innerText()).trim();
  return { caseId, queryPassword };
}

/** Registers a case through the intake form by keyboard (Ctrl+Enter) and reads back its number and password. */
export async function registerCaseInUi(page: Page, input: IntakeInput): Promise<{ caseId: string; queryPassword: string }> {
  await openIntake(page);
  await typeIntake(page, input);
  await page.keyboard.press('Control+Enter');
  await page.getByTestId('registered-case-id').waitFor();
  return registeredCase(page);
}
