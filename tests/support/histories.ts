// Recorded workflow histories: `RECORD_HISTORIES=1 npm test` writes the history of each
// lifecycle a test runs to tests/fixtures/histories/, and tests/workflows/replay.test.ts
// replays every fixture through the current workflow code (non-determinism fails the build).
// Existing fixtures are never overwritten: they stand for cases already running in production,
// which a new version of the workflow must still replay (`RECORD_HISTORIES=overwrite` forces it).
// `RECORD_HISTORIES_SUFFIX=-x` records each under `<name>-x.json`: the same lifecycles again as
// a new code version writes them, beside the ones recorded before it.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { decodePayloadsInPlace } from '../../lib/payloadCodec';
import { PROJECT_ROOT } from '../../config/env';
import type { ProjectCaseInput } from '../../activities/projection';

export const HISTORY_FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'histories');

export async function recordHistory(name: string, handle: WorkflowHandle): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const file = path.join(HISTORY_FIXTURES, `${name}${process.env.RECORD_HISTORIES_SUFFIX ?? ''}.json`);
  if (existsSync(file) && process.env.RECORD_HISTORIES !== 'overwrite') return;
  mkdirSync(HISTORY_FIXTURES, { recursive: true });
  // Fixtures are kept in clear, as the cases of before the payload encryption were.
  writeFileSync(file, `${historyToJSON(await decodedHistory(handle))}\n`);
}

type HistoryEvent = NonNullable<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']>[number];

/** The ids of the patch markers in a history, in order (core writes them in clear, not through the payload codec). */
export function patchIdsOf(events: HistoryEvent[]): string[] {
  return events.flatMap((e) => {
    const data = e.markerRecordedEventAttributes?.markerName === 'core_patch' ? e.markerRecordedEventAttributes.details?.['patch-data']?.payloads?.[0]?.data : undefined;
    return data ? [(JSON.parse(Buffer.from(data).toString('utf8')) as { id: string }).id] : [];
  });
}

/** A workflow's history with its payloads decoded (Temporal keeps them encrypted). */
export async function decodedHistory(handle: WorkflowHandle): Promise<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>> {
  return decodePayloadsInPlace(await handle.fetchHistory(), handle.client.options.loadedDataConverter.payloadCodecs);
}

/** The `projectCase` batches one recorded case sent, in the order its workflow scheduled them. */
export interface RecordedProjection {
  fixture: string;
  batches: ProjectCaseInput[];
}

/**
 * Every fixture's projection batches: the rows the workflow really writes. Only cases recorded
 * before the local steps scheduled them as activity tasks; a local activity's input is not in
 * its history.
 */
export function recordedProjections(): RecordedProjection[] {
  return readdirSync(HISTORY_FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((fixture) => {
      const history = JSON.parse(readFileSync(path.join(HISTORY_FIXTURES, fixture), 'utf8')) as {
        events: { activityTaskScheduledEventAttributes?: { activityType: { name: string }; input: { payloads: { data: string }[] } } }[];
      };
      const batches = history.events
        .map((e) => e.activityTaskScheduledEventAttributes)
        .filter((a) => a?.activityType.name === 'projectCase')
        .map((a) => JSON.parse(Buffer.from(a!.input.payloads[0]!.data, 'base64').toString('utf8')) as ProjectCaseInput);
      return { fixture, batches };
    })
    .filter((c) => c.batches.length > 0);
}

/** A recorded case's batches under another case number, so that it can be written again as a new case. */
export function renumbered(batches: ProjectCaseInput[], caseId: string): ProjectCaseInput[] {
  return JSON.parse(JSON.stringify(batches).replaceAll(batches[0]!.state.caseId, caseId)) as ProjectCaseInput[];
}
