// Intake's wait for a new case's row (api/cases/caseRowWatch.ts) against the real database: the
// trigger's NOTIFY wakes it at once (with the safety check out of the way), it polls without a
// LISTEN URL, it gives up after its bound, and closing ends every wait.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { CaseRowWatch } from '../../api/cases/caseRowWatch';
import { createLogger } from '../../config/logger';
import { testDatabaseUrl, testPrisma } from '../support/db';
import { insertProjectedCase } from '../support/cases';

const log = createLogger('case-row-watch-test', 'silent');
const unusedCaseId = () => `2026112398${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;

/** Waits for a case that another statement inserts `afterMs` later; answers what the wait said and how long it took. */
async function waitForInsert(watch: CaseRowWatch, afterMs: number): Promise<{ visible: boolean; ms: number }> {
  const caseId = unusedCaseId();
  const started = performance.now();
  const waiting = watch.visibleWithin(caseId, 5_000);
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  await insertProjectedCase(testPrisma(), { id: caseId, workflowId: caseId });
  const visible = await waiting;
  return { visible, ms: performance.now() - started - afterMs };
}

describe('waiting for a new case row', () => {
  it('wakes on the insert’s NOTIFY, checking every waiting case with one query', async () => {
    // The safety check a minute away: only the notice can wake the waits within the test.
    const watch = new CaseRowWatch(testPrisma(), testDatabaseUrl(), log, { listening: 60_000, polling: 60_000 });
    try {
      await waitForInsert(watch, 50); // opens the LISTEN connection
      const results = await Promise.all([waitForInsert(watch, 200), waitForInsert(watch, 300), waitForInsert(watch, 400)]);
      // Each insert comes after its wait's first look: true means a notice woke it (else false after 5 s).
      assert.deepEqual(results.map((r) => r.visible), [true, true, true]);
    } finally {
      await watch.close();
    }
  });

  it('polls when it cannot LISTEN, and gives up after its bound', async () => {
    const watch = new CaseRowWatch(testPrisma(), undefined, log);
    try {
      const { visible, ms } = await waitForInsert(watch, 200);
      assert.equal(visible, true);
      assert.ok(ms < 700, `${ms} ms`);
      const started = Date.now();
      assert.equal(await watch.visibleWithin(unusedCaseId(), 300), false);
      assert.ok(Date.now() - started >= 290);
    } finally {
      await watch.close();
    }
  });

  it('ends every wait when closed (a stopping API answers 202 at once)', async () => {
    const watch = new CaseRowWatch(testPrisma(), testDatabaseUrl(), log);
    const started = Date.now();
    const waits = [watch.visibleWithin(unusedCaseId(), 10_000), watch.visibleWithin(unusedCaseId(), 10_000)];
    await new Promise((resolve) => setTimeout(resolve, 100));
    await watch.close();
    assert.deepEqual(await Promise.all(waits), [false, false]);
    assert.ok(Date.now() - started < 2_000);
    const existing = await insertProjectedCase(testPrisma());
    assert.equal(await watch.visibleWithin(existing, 10_000), true, 'closed, it still says whether a row exists');
  });
});
