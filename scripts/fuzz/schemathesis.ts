// One schemathesis run (the `st` CLI from .tools/, installed by scripts/bootstrap.mjs) over the
// API's own description, as one identity, within a time budget. Its console report (failures
// with a curl command each) goes to a file and its NDJSON event stream next to it, in `reportDir`.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { SCHEMATHESIS_CLI } from '../lib/tools';

/** What every response must satisfy: the description's statuses, media types, headers and bodies, and never a 5xx. */
export const CHECKS = ['not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_headers_conformance', 'response_schema_conformance'] as const;

const CONFIG_FILE = path.join(__dirname, 'schemathesis.toml');

/**
 * A run's two parts, each with its own share of the time: requests generated one by one
 * (boundary values first, then random ones), and stateful sequences that follow the
 * description's links (a created case → its commands). In one run, the first part would spend
 * the whole budget before the sequences start.
 */
export const PARTS = [
  { name: 'single', phases: ['examples', 'coverage', 'fuzzing'], share: 2 / 3 },
  { name: 'stateful', phases: ['stateful'], share: 1 / 3 },
] as const;

export type Part = (typeof PARTS)[number];

export interface SchemathesisRun {
  apiUrl: string;
  identity: string;
  part: Part;
  /** operationIds of the description this run covers. */
  operationIds: string[];
  bearerToken: string | null;
  open311ApiKey: string;
  seed: number;
  seconds: number;
  workers: number;
  reportDir: string;
}

/** The st command line of a run, also printed so a failure can be replayed against a running stack. */
export function schemathesisArgs(run: SchemathesisRun): string[] {
  return [
    '--config-file', CONFIG_FILE,
    'run', `${run.apiUrl}/api/openapi.json`,
    '--include-operation-id-regex', `^(${run.operationIds.join('|')})$`,
    '--phases', run.part.phases.join(','),
    '--checks', CHECKS.join(','),
    '--seed', String(run.seed),
    '--max-time', String(run.seconds),
    '--workers', String(run.workers),
    '--report', 'ndjson',
    '--report-ndjson-path', ndjsonPath(run),
    '--no-color',
  ];
}

export function ndjsonPath(run: Pick<SchemathesisRun, 'reportDir' | 'identity' | 'part'>): string {
  return path.join(run.reportDir, `${run.identity}.${run.part.name}.ndjson`);
}

/**
 * st's console report. It is kept in a file, not on the console: its pytest-style banners
 * ("==== 4 warnings in 29.03s ====") read as a test run of its own to whatever reads the log of
 * `npm test`, whose closing summary must be mocha's.
 */
export function consoleReportPath(run: Pick<SchemathesisRun, 'reportDir' | 'identity' | 'part'>): string {
  return path.join(run.reportDir, `${run.identity}.${run.part.name}.log`);
}

/** Runs st to its end and answers its exit code (0: no failure). */
export function runSchemathesis(run: SchemathesisRun): Promise<number> {
  const report = openSync(consoleReportPath(run), 'w');
  return new Promise<number>((resolve, reject) => {
    const child = spawn(SCHEMATHESIS_CLI, schemathesisArgs(run), {
      // Hypothesis keeps its own caches in the working directory: the report folder, not the clone.
      cwd: run.reportDir,
      stdio: ['ignore', report, report],
      env: {
        ...process.env,
        // Never the placeholder text: an anonymous run sends no bearer token anywhere (its
        // operations are the unsecured ones), but the config must still resolve.
        FUZZ_BEARER_TOKEN: run.bearerToken ?? 'anonymous',
        FUZZ_OPEN311_API_KEY: run.open311ApiKey,
      },
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  }).finally(() => closeSync(report));
}
