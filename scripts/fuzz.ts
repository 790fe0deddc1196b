// `npm run fuzz`: schemathesis over the API's own OpenAPI description (/api/openapi.json), on a
// stack of its own (scripts/fuzz/stack.ts), once anonymously and once with each role's token.
// Every response must be documented (status, media type, headers, body schema) and none may be
// a server error. Prints the seed and the counts, and exits non-zero on any failure.
//   FUZZ_SECONDS=240        time budget of all runs together (shared by weight, admin most)
//   FUZZ_SEED=<int>         seed (a random one by default; printed, reuse it to reproduce)
//   FUZZ_IDENTITIES=a,b     only these runs (anonymous, operator, … admin)
//   FUZZ_WORKERS=1          concurrent schemathesis workers per run
import { randomInt } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../config/env';
import { writeDictionaries } from './fuzz/dictionaries';
import { IDENTITIES, issueOpen311Key, signIn, type Identity } from './fuzz/identities';
import { addCounts, emptyCounts, readCounts, type RunCounts } from './fuzz/report';
import { CHECKS, consoleReportPath, ndjsonPath, PARTS, runSchemathesis } from './fuzz/schemathesis';
import { serverErrorsLogged } from './fuzz/serverLog';
import { startFuzzStack } from './fuzz/stack';

const log = (message: string) => console.log(`[fuzz] ${message}`);

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not ${raw}`);
  return value;
}

function chosenIdentities(): Identity[] {
  const wanted = process.env.FUZZ_IDENTITIES?.split(',').map((name) => name.trim()).filter(Boolean);
  if (!wanted || wanted.length === 0) return IDENTITIES;
  const unknown = wanted.filter((name) => !IDENTITIES.some((identity) => identity.name === name));
  if (unknown.length > 0) throw new Error(`FUZZ_IDENTITIES: unknown ${unknown.join(', ')} (known: ${IDENTITIES.map((i) => i.name).join(', ')})`);
  return IDENTITIES.filter((identity) => wanted.includes(identity.name));
}

/**
 * Each identity's seconds: the budget shared by weight among all identities (also when
 * FUZZ_IDENTITIES picks a few, so that a rerun with the same seed runs the same way), ≥ 10 s.
 */
function secondsPerIdentity(budget: number): Map<Identity, number> {
  const totalWeight = IDENTITIES.reduce((sum, identity) => sum + identity.weight, 0);
  return new Map(IDENTITIES.map((identity) => [identity, Math.max(10, Math.round((budget * identity.weight) / totalWeight))]));
}

function printSummary(seed: number, results: { identity: Identity; counts: RunCounts; exitCode: number }[], serverErrors: number): void {
  const pad = (text: string | number, width: number) => String(text).padEnd(width);
  log(`summary (seed ${seed})`);
  log(`  ${pad('identity', 12)} ${pad('requests', 9)} ${pad('cases', 7)} failures`);
  for (const { identity, counts } of results) {
    const failures = Object.values(counts.failuresByCheck).reduce((sum, n) => sum + n, 0);
    log(`  ${pad(identity.name, 12)} ${pad(counts.requests, 9)} ${pad(counts.cases, 7)} ${failures}${counts.failedOperations.length > 0 ? `  (${counts.failedOperations.join('; ')})` : ''}`);
  }
  const requests = results.reduce((sum, r) => sum + r.counts.requests, 0);
  log(`  ${pad('total', 12)} ${requests} requests`);
  log('  failed test cases by check:');
  for (const check of CHECKS) log(`    ${pad(check, 30)} ${results.reduce((sum, r) => sum + (r.counts.failuresByCheck[check] ?? 0), 0)}`);
  log(`  server errors in the API's log: ${serverErrors}`);
  for (const { identity, counts } of results) for (const error of counts.errors) log(`  schemathesis error (${identity.name}): ${error}`);
}

/** A failed run's report on the console, each line marked as the fuzzer's (see consoleReportPath). */
function showReport(file: string): void {
  for (const line of readFileSync(file, 'utf8').split('\n')) console.log(`[fuzz] st | ${line}`);
}

async function main(): Promise<number> {
  const seed = process.env.FUZZ_SEED ? positiveInt('FUZZ_SEED', 1) : randomInt(1, 2 ** 31 - 1);
  const budget = positiveInt('FUZZ_SECONDS', 240);
  const workers = positiveInt('FUZZ_WORKERS', 1);
  const identities = chosenIdentities();
  const seconds = secondsPerIdentity(budget);
  log(`seed ${seed} · budget ${budget} s (FUZZ_SECONDS) · ${identities.map((i) => `${i.name} ${seconds.get(i)} s`).join(', ')}`);
  log(`checks: ${CHECKS.join(', ')}`);

  const artifacts = path.join(PROJECT_ROOT, 'tests', 'artifacts', 'fuzz');
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  const dataDir = path.join(os.tmpdir(), `hotline-fuzz-${process.pid}`);
  // Tokens are signed in just before each run and must outlive it.
  const accessTtlSeconds = Math.min(3600, Math.max(...seconds.values()) + 900);
  const stack = await startFuzzStack({ dataDir, logDir: path.join(artifacts, 'logs'), accessTtlSeconds, log });
  const results: { identity: Identity; counts: RunCounts; exitCode: number }[] = [];
  let serverErrors = 0;
  try {
    const adminToken = await signIn(stack.apiUrl, 'admin');
    const open311ApiKey = await issueOpen311Key(stack.apiUrl, adminToken);
    await writeDictionaries(PROJECT_ROOT, stack.apiUrl, adminToken);
    for (const identity of identities) {
      const bearerToken = identity.username ? await signIn(stack.apiUrl, identity.username) : null;
      const counts = emptyCounts();
      let exitCode = 0;
      for (const part of PARTS) {
        const partSeconds = Math.max(10, Math.round(seconds.get(identity)! * part.share));
        log(`— ${identity.name}, ${part.name}: ${partSeconds} s over ${identity.operationIds.length} operations`);
        const run = { apiUrl: stack.apiUrl, identity: identity.name, part, operationIds: identity.operationIds, bearerToken, open311ApiKey, seed, seconds: partSeconds, workers, reportDir: artifacts };
        const runExitCode = await runSchemathesis(run);
        const runCounts = await readCounts(ndjsonPath(run));
        exitCode = Math.max(exitCode, runExitCode);
        addCounts(counts, runCounts);
        log(`  ${runCounts.requests} requests, ${Object.values(runCounts.failuresByCheck).reduce((sum, n) => sum + n, 0)} failures · st's report: ${path.relative(PROJECT_ROOT, consoleReportPath(run))}`);
        if (runExitCode !== 0) showReport(consoleReportPath(run));
      }
      results.push({ identity, counts, exitCode });
    }
    serverErrors = await serverErrorsLogged(path.join(stack.logDir, 'api.log'), log);
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  printSummary(seed, results, serverErrors);
  const failed = results.filter((r) => r.exitCode !== 0 || Object.keys(r.counts.failuresByCheck).length > 0 || r.counts.errors.length > 0);
  if (failed.length === 0 && serverErrors === 0) {
    log('no server error, every response as described');
    return 0;
  }
  log(`FAILED: ${failed.map((r) => r.identity.name).join(', ') || 'server errors logged'}; reports and logs in ${path.relative(PROJECT_ROOT, artifacts)}/`);
  log(`reproduce: FUZZ_SEED=${seed} FUZZ_SECONDS=${budget} FUZZ_IDENTITIES=${(failed.length > 0 ? failed : results).map((r) => r.identity.name).join(',')} npm run fuzz   (or the curl command printed with each failure, against a running stack)`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[fuzz] ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    process.exit(1);
  },
);
