// Every recorded lifecycle history must replay through the current workflow code: a change
// that would break running cases fails here (version such changes with `patched`). The fixtures
// are plaintext (recorded before, or decoded by, the payload encryption): they replay through the
// product's data converter, whose codec passes unencrypted payloads through.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../../worker/createWorker';
import { HISTORY_FIXTURES } from '../support/histories';
import { installQuietRuntime, testDataConverter } from '../support/temporal';

describe('replay of recorded histories', () => {
  const files = readdirSync(HISTORY_FIXTURES).filter((f) => f.endsWith('.json')).sort();

  it('has recorded lifecycles to replay', () => {
    assert.ok(files.length >= 3, `fixtures: ${files.join(', ')}`);
  });

  for (const file of files) {
    it(`replays ${file} deterministically`, async () => {
      installQuietRuntime();
      const history = JSON.parse(readFileSync(path.join(HISTORY_FIXTURES, file), 'utf8'));
      await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), replayName: file, dataConverter: testDataConverter() }, history, file.replace(/\.json$/, ''));
    });
  }
});
