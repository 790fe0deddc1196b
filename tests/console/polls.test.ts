// The opinion poll screen in Chromium (民意调查, issue 20): a supervisor drafts a poll with the
// form (a question with two keypad choices), a bad number is refused on its field, the poll is
// started from its row and, all its numbers being blocked or opted out, finishes at once; the
// results show them skipped.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { screenshot, settled, useConsoleStack } from '../support/console';
import { testPrisma } from '../support/db';
import { randomMobile } from '../support/ivr';
import { waitUntil } from '../support/petitions';

describe('opinion polls (Chromium)', () => {
  const stack = useConsoleStack();

  const open = async (page: Page) => {
    await page.goto(new URL('#/polls', page.url()).href);
    await settled(page);
  };
  const rowOf = (page: Page, title: string) => page.getByTestId('poll').filter({ hasText: title });

  it('is drafted with the form, started, and shows its results', async () => {
    // The console's own database: read once its hooks have run.
    const prisma = testPrisma();
    const [blocked, optedOut] = [randomMobile(), randomMobile()];
    await prisma.blockedCaller.create({ data: { id: randomUUID(), number: blocked, reason: '骚扰', days: 7, proposedById: 'user-operator', proposedAt: new Date(), decision: 'approved', reviewedById: 'user-supervisor', reviewedAt: new Date(), expiresAt: new Date(Date.now() + 86_400_000) } });
    await prisma.smsOptOut.create({ data: { phone: optedOut } });
    const title = `夜市噪音调查${randomUUID().slice(0, 6)}`;

    const supervisor = await stack.signedIn('supervisor');
    await open(supervisor);
    await supervisor.getByTestId('new-poll').click();
    await supervisor.locator('[name="title"]').fill(title);
    await supervisor.locator('[name="numbers"]').fill(`${blocked}\nnot-a-number`);
    await supervisor.locator('[name="questions.0.prompt"]').fill('您对夜市噪音治理是否满意？满意请按1，不满意请按2。');
    await supervisor.locator('[name="questions.0.choices.0.label"]').fill('满意');
    await supervisor.locator('[name="questions.0.choices.1.label"]').fill('不满意');
    await supervisor.getByTestId('poll-dialog-submit').click();
    // The API refuses the bad number; the dialog stays open with its message.
    await supervisor.getByRole('alert').waitFor();
    await supervisor.getByText('a phone number', { exact: false }).first().waitFor();
    assert.equal(await prisma.pollCampaign.count({ where: { title } }), 0);

    await supervisor.locator('[name="numbers"]').fill(`${blocked}\n${optedOut}`);
    await supervisor.getByTestId('poll-dialog-submit').click();
    await supervisor.getByTestId('poll-status-draft').click();
    await rowOf(supervisor, title).waitFor();
    await rowOf(supervisor, title).getByTestId('poll-start').click();
    await supervisor.getByTestId('poll-command-submit').click();
    const poll = await prisma.pollCampaign.findFirstOrThrow({ where: { title } });
    await waitUntil(async () => (await prisma.pollCampaign.findUniqueOrThrow({ where: { id: poll.id } })).status === 'finished');

    await supervisor.getByTestId('poll-status-finished').click();
    await rowOf(supervisor, title).getByTestId('poll-results-button').click();
    await supervisor.getByTestId('poll-count-skipped').filter({ hasText: '2' }).waitFor();
    assert.equal(await supervisor.getByTestId('poll-question-result').count(), 1);
    await screenshot(supervisor, 'poll-results');
    assert.deepEqual((await prisma.pollTarget.findMany({ where: { campaignId: poll.id }, orderBy: { number: 'asc' } })).map((t) => t.skipReason).sort(), ['blocked', 'optedOut']);
  });
});
