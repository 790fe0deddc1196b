// Node's source maps stay out of the worker's workflow threads, where they cost an evicted case
// a few milliseconds of its task (docs/performance.md), and stay on where stack traces are read:
// the main thread, in development (dev/tsxOnMainThread.mjs) as in the build (worker/mainThreadSourceMaps.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from '../../config/build';
import { typescriptEntryArgs } from '../../dev/typescriptEntry';

const FIXTURE = 'tests/fixtures/processes/threadSourceMaps.ts';

function sourceMapsIn(nodeArgs: string[]): { mainThread: boolean; workerThread: boolean } {
  const run = spawnSync(process.execPath, nodeArgs, { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as { mainThread: boolean; workerThread: boolean };
}

describe('Node’s source maps in the worker’s threads', function () {
  this.timeout(120_000);

  it('are on in the main thread of an entry started in development, and off in the threads it starts', () => {
    assert.deepEqual(sourceMapsIn(typescriptEntryArgs(FIXTURE)), { mainThread: true, workerThread: false });
    // What it replaces: tsx given to Node loads in every thread and turns them on there too.
    assert.deepEqual(sourceMapsIn(['--import', 'tsx', FIXTURE]), { mainThread: true, workerThread: true });
  });

  it('are turned on by the worker for its main thread only when it runs without the flag (as from the build)', () => {
    assert.deepEqual(sourceMapsIn(typescriptEntryArgs(FIXTURE).concat('--as-built')), { mainThread: true, workerThread: false });
  });
});
