// Root hooks of every mocha run (.mocharc.cjs requires this file).
import type { Context, Suite } from 'mocha';
import { closeTestPrisma } from './db';
import { SharedRowsGuard } from './sharedRows';

let guard: SharedRowsGuard | undefined;

/** Each file's top-level suites, after their own `after` hooks, hand the seeded rows back. */
function guardEachFile(root: Suite, shared: SharedRowsGuard): void {
  for (const suite of root.suites) {
    suite.afterAll('put back the shared seeded rows this suite left changed', async () => {
      await shared.afterSuite(suite.fullTitle(), suite.file);
    });
  }
}

export const mochaHooks = {
  async beforeAll(this: Context): Promise<void> {
    const url = process.env.TEST_SUPERUSER_DATABASE_URL;
    const root = this.test?.parent;
    if (!url || !root) return;
    guard = new SharedRowsGuard(url);
    await guard.takeSeededState();
    guardEachFile(root, guard);
  },
  async afterAll(): Promise<void> {
    const report = guard?.report();
    if (report) console.warn(report);
    await closeTestPrisma();
  },
};
