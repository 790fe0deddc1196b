// The chaos drill at a small size (`npm run drill` runs it at 200): with the worker, the API,
// the Temporal server and PostgreSQL each killed with SIGKILL under load, every acknowledged
// intake, dispatch and urge is in the projection and the audit trail exactly once, every
// request gets an answer (a retry with the same Idempotency-Key the first attempt's), and the
// audit chains verify.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { formatReport } from '../../scripts/drill/report';
import { KILL_ORDER, runDrill } from '../../scripts/drill/run';

describe('chaos drill', function () {
  this.timeout(1_200_000);

  it('loses nothing acknowledged when the worker, the API, Temporal and PostgreSQL are killed in turn', async () => {
    const lines: string[] = [];
    const result = await runDrill({ intakes: 12, concurrency: 4, log: (line) => lines.push(line) });
    const report = formatReport(result);
    const context = `${report}\n${lines.join('\n')}`;
    // The figures belong in CI's log.
    console.log(report);

    assert.deepEqual(result.phases.map((phase) => phase.kill.service), KILL_ORDER);
    for (const phase of result.phases) {
      assert.ok(phase.kill.servingAfterMs > 0, `the ${phase.kill.service} served again`);
      const intake = phase.byKind.get('intake');
      assert.ok(intake && intake.acknowledged > 0, `intakes were acknowledged in the ${phase.kill.service} phase\n${context}`);
      for (const [kind, tally] of phase.byKind) {
        const where = `${kind} in the ${phase.kill.service} phase`;
        assert.equal(tally.lost, 0, `${where}: nothing acknowledged is lost\n${context}`);
        assert.equal(tally.unanswered, 0, `${where}: every request gets an answer\n${context}`);
        assert.equal(tally.visible, tally.acknowledged, `${where}\n${context}`);
        assert.equal(tally.doubled, 0, `${where}: nothing is doubled\n${context}`);
        assert.equal(tally.appliedUnacknowledged, 0, `${where}: a retry gets the first attempt's answer\n${context}`);
      }
    }
    assert.equal(result.auditChains.ok, true, context);
    assert.ok(result.auditChains.rows >= 12, context);
    assert.equal(result.failed, false, context);
    rmSync(result.workDir, { recursive: true, force: true });
  });
});
