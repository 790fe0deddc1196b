// Recorded workflow histories: `RECORD_HISTORIES=1 npm test` writes the history of each
// lifecycle a test runs to tests/fixtures/histories/, and tests/workflows/replay.test.ts
// replays every fixture through the current workflow code (non-determinism fails the build).
// Existing fixtures are never overwritten: they stand for cases already running in production,
// which a new version of the workflow must still replay (`RECORD_HISTORIES=overwrite` forces it).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { decodePayloadsInPlace } from '../../lib/payloadCodec';
import { PROJECT_ROOT } from '../../config/env';

export const HISTORY_FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'histories');

export async function recordHistory(name: string, handle: WorkflowHandle): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const file = path.join(HISTORY_FIXTURES, `${name}.json`);
  if (existsSync(file) && process.env.RECORD_HISTORIES !== 'overwrite') return;
  mkdirSync(HISTORY_FIXTURES, { recursive: true });
  // Fixtures are kept in clear, as the cases of before the payload encryption were.
  writeFileSync(file, `${historyToJSON(await decodedHistory(handle))}\n`);
}

/** A workflow's history with its payloads decoded (Temporal keeps them encrypted). */
export async function decodedHistory(handle: WorkflowHandle): Promise<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>> {
  return decodePayloadsInPlace(await handle.fetchHistory(), handle.client.options.loadedDataConverter.payloadCodecs);
}
