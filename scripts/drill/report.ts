// The drill's printed report: one block per kill, a line per kind of operation, then the
// totals and the audit chains' verdict.
import type { OperationKind } from './load';
import type { Tally } from './reconcile';
import { emptyTally } from './reconcile';
import { seconds, type DrillResult } from './run';

const KINDS: OperationKind[] = ['intake', 'dispatch', 'urge'];

function percentile(samples: number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

function add(into: Tally, from: Tally): void {
  for (const key of ['sent', 'acknowledged', 'visible', 'lost', 'doubled', 'refused', 'unanswered', 'appliedUnacknowledged'] as const) into[key] += from[key];
  into.visibleAfterMs.push(...from.visibleAfterMs);
  for (const [as, n] of Object.entries(from.refusedAs)) into.refusedAs[as] = (into.refusedAs[as] ?? 0) + n;
}

const HEADER = ['kill', 'operation', 'sent', 'acknowledged', 'visible', 'lost', 'doubled', 'refused', 'unanswered', 'unacked-applied', 'visible p50', 'visible p99'];

function row(kill: string, kind: string, t: Tally): string[] {
  const p = (q: number) => {
    const value = percentile(t.visibleAfterMs, q);
    return value === null ? '-' : seconds(value);
  };
  return [kill, kind, t.sent, t.acknowledged, t.visible, t.lost, t.doubled, t.refused, t.unanswered, t.appliedUnacknowledged, p(50), p(99)].map(String);
}

export function formatReport(result: DrillResult): string {
  const rows: string[][] = [HEADER];
  const total = emptyTally();
  for (const phase of result.phases) {
    const all = emptyTally();
    for (const kind of KINDS) {
      const tally = phase.byKind.get(kind) ?? emptyTally();
      rows.push(row(phase.kill.service, kind, tally));
      add(all, tally);
    }
    rows.push(row(phase.kill.service, 'all', all));
    add(total, all);
  }
  rows.push(row('total', 'all', total));
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const table = rows.map((r) => r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
  const kills = result.phases
    .map((p) => `  ${p.kill.service.padEnd(9)} SIGKILL at +${seconds(p.kill.killedAfterMs)} of its phase; restarted after ${seconds(p.kill.restartedAfterMs)}, serving again after ${seconds(p.kill.servingAfterMs)}`)
    .join('\n');
  const refusals = Object.entries(total.refusedAs).map(([as, n]) => `${n}× ${as}`).join(', ');
  const chains = result.auditChains;
  return [
    `chaos drill ${result.runId}: ${result.intakes} cases (intake, dispatch, urge each) at concurrency ${result.concurrency}`,
    kills,
    table,
    ...(refusals ? [`refused answers: ${refusals} ("unacked-applied": applied by an attempt whose answer was lost; a retry with the same Idempotency-Key should get that first answer)`] : []),
    `settled ${seconds(result.settledAfterMs)} after the load; "visible" = in the projection and the audit trail; times from the first attempt to the audit event`,
    `audit hash chains: ${chains.ok ? 'ok' : 'BROKEN'} (${chains.chains} chains, ${chains.rows} rows${chains.ok ? '' : `, ${chains.brokenChains} broken: ${JSON.stringify(chains.broken)}`})`,
    result.failed ? `FAILED (lost, doubled or unanswered operations, or a broken chain); logs and data kept in ${result.workDir}` : 'PASSED: nothing lost, nothing doubled',
  ].join('\n');
}
