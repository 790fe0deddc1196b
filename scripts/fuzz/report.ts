// Reads schemathesis's NDJSON event stream of one run: how many requests it sent, and how many
// test cases each check failed (a case that breaks two checks counts for both).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface RunCounts {
  /** HTTP requests sent (each recorded interaction). */
  requests: number;
  /** Test cases generated and run (a stateful scenario's steps each count). */
  cases: number;
  /** Failed test cases per check name. */
  failuresByCheck: Record<string, number>;
  /** Operations (`METHOD /path`) with at least one failure. */
  failedOperations: string[];
  /** Errors schemathesis met itself (schema or network problems), which also fail the run. */
  errors: string[];
}

interface Recorder {
  label: string;
  cases?: Record<string, unknown>;
  checks?: Record<string, { name: string; status: string }[]>;
  interactions?: Record<string, unknown>;
}

type Event = { ScenarioFinished?: { recorder: Recorder } } & { NonFatalError?: { info?: { title?: string; message?: string }; label?: string } } & { FatalError?: { exception?: string } };

export function emptyCounts(): RunCounts {
  return { requests: 0, cases: 0, failuresByCheck: {}, failedOperations: [], errors: [] };
}

/** Adds `more` to `counts`. */
export function addCounts(counts: RunCounts, more: RunCounts): void {
  counts.requests += more.requests;
  counts.cases += more.cases;
  for (const [check, n] of Object.entries(more.failuresByCheck)) counts.failuresByCheck[check] = (counts.failuresByCheck[check] ?? 0) + n;
  for (const label of more.failedOperations) if (!counts.failedOperations.includes(label)) counts.failedOperations.push(label);
  counts.errors.push(...more.errors);
}

/** Adds one event to `counts`. */
export function countEvent(counts: RunCounts, event: Event): void {
  const recorder = event.ScenarioFinished?.recorder;
  if (recorder) {
    counts.requests += Object.keys(recorder.interactions ?? {}).length;
    counts.cases += Object.keys(recorder.cases ?? {}).length;
    let failed = false;
    for (const checks of Object.values(recorder.checks ?? {})) {
      for (const name of new Set(checks.filter((check) => check.status === 'failure').map((check) => check.name))) {
        counts.failuresByCheck[name] = (counts.failuresByCheck[name] ?? 0) + 1;
        failed = true;
      }
    }
    if (failed && !counts.failedOperations.includes(recorder.label)) counts.failedOperations.push(recorder.label);
  }
  if (event.NonFatalError) counts.errors.push(`${event.NonFatalError.label ?? ''}: ${event.NonFatalError.info?.title ?? ''} ${event.NonFatalError.info?.message ?? ''}`.trim());
  if (event.FatalError) counts.errors.push(`fatal: ${event.FatalError.exception ?? 'unknown'}`);
}

export async function readCounts(ndjsonPath: string): Promise<RunCounts> {
  const counts = emptyCounts();
  const lines = createInterface({ input: createReadStream(ndjsonPath, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() !== '') countEvent(counts, JSON.parse(line) as Event);
  }
  return counts;
}
