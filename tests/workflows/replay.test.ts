// Every recorded lifecycle history must replay through the current workflow code: a change
// that would break running cases fails here (version such changes with `patched`). The fixtures
// are plaintext (recorded before, or decoded by, the payload encryption): they replay through the
// product's data converter, whose codec passes unencrypted payloads through.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { tracedWorkflowBundle, workflowBundle } from '../../worker/createWorker';
import { HISTORY_FIXTURES } from '../support/histories';
import { installQuietRuntime, testDataConverter } from '../support/temporal';

/** The traced bundle's workflows export their spans through this sink; a replay sends none anyway. */
const DROPPED_SPANS = { exporter: { export: { fn: () => undefined } } };

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

    // Traces switched on for running cases (worker/tracing.ts): their histories, written without
    // the tracing interceptors, must replay through the bundle that has them.
    it(`replays ${file} deterministically with the tracing interceptors`, async () => {
      installQuietRuntime();
      const history = JSON.parse(readFileSync(path.join(HISTORY_FIXTURES, file), 'utf8'));
      await Worker.runReplayHistory({ workflowBundle: await tracedWorkflowBundle(), replayName: file, dataConverter: testDataConverter(), sinks: DROPPED_SPANS }, history, file.replace(/\.json$/, ''));
    });
  }
});
