// A structural diff of two JSON values: every leaf that differs, by path. No diff library is
// installed (only `diff`, which compares text lines), and the values compared here are plain
// JSON (case states), so a small recursive walk is enough and its output is ours to shape.
// Arrays are compared by index: a case's lists (assignments, results, callbacks, clocks…) only
// grow at the end or change in place, so an index names the same entry on both sides.

export interface JsonChange {
  /** Dotted path from the root; array entries by index, e.g. `assignments.0.status`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  /** Absent for `added`. */
  before?: unknown;
  /** Absent for `removed`. */
  after?: unknown;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function jsonDiff(before: unknown, after: unknown): JsonChange[] {
  const changes: JsonChange[] = [];
  walk(before as Json, after as Json, [], changes);
  return changes;
}

function walk(before: Json | undefined, after: Json | undefined, path: string[], changes: JsonChange[]): void {
  const at = path.join('.');
  if (before === undefined && after === undefined) return;
  if (before === undefined) return void changes.push({ path: at, kind: 'added', after });
  if (after === undefined) return void changes.push({ path: at, kind: 'removed', before });
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) walk(before[i], after[i], [...path, String(i)], changes);
    return;
  }
  if (isObject(before) && isObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of keys) walk(before[key] as Json | undefined, after[key] as Json | undefined, [...path, key], changes);
    return;
  }
  if (before !== after) changes.push({ path: at, kind: 'changed', before, after });
}
