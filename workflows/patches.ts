// Patches a new run takes at once, with one marker instead of one per patch.
//
// For every patch a new run meets, the SDK's core records a marker and upserts the
// `TemporalChangeVersion` search attribute, and Temporal writes each upsert to visibility as a
// task of its own: five for a case between intake and dispatch, more over its life. A run that
// asks for a baseline at its first activation records that one marker and takes every patch the
// baseline lists without asking for it again. A run started before the baseline has no such
// marker in its history, so on replay the baseline answers false and each patch is asked on its
// own, as the run asked it when it was recorded.
import { patched } from '@temporalio/workflow';

/** Whether this run takes the patch: `patched(patchId)`, or true without a marker under a baseline. */
export type PatchCheck = (patchId: string) => boolean;

export interface PatchBaseline {
  /** The baseline's own patch id: its marker stands for every patch in `includes`. */
  id: string;
  /** Patches already in the code when the baseline came. A patch added later is asked on its own. */
  includes: ReadonlySet<string>;
}

/**
 * Call once, before the workflow's first await: a baseline must be asked in the first
 * activation, where a run started before it replays without the marker. Asked later, a run
 * started before could take the baseline's patches midway.
 *
 * `baselines` newest first. Each includes every patch of the one before it, so the first one a
 * run takes is the only one it asks: a run started under an older baseline replays without the
 * newer marker and takes the older one it recorded.
 */
export function patchesUnder(...baselines: PatchBaseline[]): PatchCheck {
  const taken = baselines.find((baseline) => patched(baseline.id));
  return (patchId) => (taken?.includes.has(patchId) ?? false) || patched(patchId);
}
