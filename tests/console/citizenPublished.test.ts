// The citizen pages in Chromium: the web form asks the consent to publish (unticked), and the
// 办理结果公开 page lists a closed consenting case and shows it redacted.
import assert from 'node:assert/strict';
import { useConsoleStack } from '../support/console';
import { ensureActorUsers } from '../support/sessions';
import { actors } from '../support/lifecycle';
import { closedCase, CLOSED_CASE_RESULT } from '../support/closedCase';

describe('published results on the citizen pages (Chromium)', () => {
  const stack = useConsoleStack();
  before(() => ensureActorUsers(Object.values(actors)));

  it('asks the consent unticked, and shows a published result without the citizen’s data', async () => {
    const title = `文化路占道经营${Date.now() % 100_000}`;
    const { caseId } = await closedCase(stack.api.url, { title, content: '我叫孙大伟，电话13922223333，文化路每晚占道经营。', citizenName: '孙大伟', citizenPhone: '+8613922223333', publishConsent: true });
    const page = await (await stack.browser.newContext({ locale: 'zh-CN' })).newPage();
    try {
      await page.goto(`${stack.api.url}/citizen/`);
      assert.equal(await page.locator('#publishConsent').isChecked(), false);

      await page.goto(`${stack.api.url}/citizen/published.html`);
      await page.getByRole('link', { name: title }).click();
      await page.locator('#result').waitFor();
      assert.equal(page.url().endsWith(`#${caseId}`), true);
      const shown = await page.locator('#result-details').innerText();
      assert.match(shown, /我叫孙\*\*，电话139\*{4}3333/);
      assert.ok(shown.includes(CLOSED_CASE_RESULT.replyToCitizen), shown);
      for (const personal of ['孙大伟', '13922223333', CLOSED_CASE_RESULT.handlerName]) assert.ok(!shown.includes(personal), `${personal} in ${shown}`);
    } finally {
      await page.context().close();
    }
  });
});
