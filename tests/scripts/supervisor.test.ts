// The supervisor of `npm start` and the drill: backoff arithmetic, a killed child started
// again, a crash loop named and still retried, and stop() that ends it for good.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterCrash, DEFAULT_RESTART_POLICY, NO_CRASHES, type CrashHistory } from '../../scripts/lib/restartPolicy';
import { SupervisedProcess } from '../../scripts/lib/supervisor';
import { waitFor } from '../../scripts/lib/ports';

describe('restart policy', () => {
  const policy = DEFAULT_RESTART_POLICY;

  it('doubles the delay from 1 s to 30 s while crashes follow each other', () => {
    let history: CrashHistory = NO_CRASHES;
    const delays: number[] = [];
    let now = 0;
    for (let i = 0; i < 8; i++) {
      // Each run lasts 30 s: not stable, and far enough apart to stay out of a crash loop.
      const decision = afterCrash(policy, history, now, now + 30_000);
      history = decision.history;
      delays.push(decision.delayMs);
      assert.equal(decision.crashLoop, false);
      now += 30_000 + decision.delayMs;
    }
    assert.deepEqual(delays, [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('starts again at 1 s after a stable minute', () => {
    let history: CrashHistory = NO_CRASHES;
    for (let i = 0; i < 4; i++) history = afterCrash(policy, history, i * 40_000, i * 40_000 + 30_000).history;
    const decision = afterCrash(policy, history, 200_000, 200_000 + 60_000);
    assert.equal(decision.delayMs, 1_000);
    assert.equal(decision.history.consecutive, 1);
  });

  it('names a crash loop at the fifth crash within 2 minutes and retries at the cap', () => {
    let history: CrashHistory = NO_CRASHES;
    const loops: boolean[] = [];
    let now = 0;
    for (let i = 0; i < 5; i++) {
      const decision = afterCrash(policy, history, now, now + 100);
      history = decision.history;
      loops.push(decision.crashLoop);
      now += 100 + decision.delayMs;
    }
    assert.deepEqual(loops, [false, false, false, false, true]);
    assert.equal(afterCrash(policy, history, now, now + 100).delayMs, 30_000);
  });
});

describe('supervised process', function () {
  this.timeout(30_000);
  const fastPolicy = { firstDelayMs: 100, maxDelayMs: 400, stableAfterMs: 60_000, crashLoopCrashes: 3, crashLoopWindowMs: 60_000 };

  it('starts a child killed with SIGKILL again, and logs how it ended', async () => {
    const lines: string[] = [];
    const service = new SupervisedProcess('sleeper', { command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'] }, { log: (line) => lines.push(line), policy: fastPolicy });
    service.start();
    try {
      const first = service.pid!;
      const restarted = service.nextStart();
      assert.equal(service.signal('SIGKILL'), true);
      const second = await restarted;
      assert.notEqual(second, first);
      assert.equal(service.restarts, 1);
      assert.match(lines.join('\n'), /sleeper was killed by SIGKILL after [\d.]+ s; restarting it in 0\.1 s/);
    } finally {
      await service.stop();
    }
  });

  it('reports a crash loop loudly and keeps retrying at the cap', async () => {
    const lines: string[] = [];
    const alarms: string[] = [];
    const service = new SupervisedProcess('crasher', { command: process.execPath, args: ['-e', 'process.exit(3)'] }, { log: (line) => lines.push(line), alarm: (line) => alarms.push(line), policy: fastPolicy });
    service.start();
    try {
      await waitFor('five restarts', async () => assert.ok(service.restarts >= 5), 20_000, 50);
      const exits = lines.filter((line) => line.includes('exited'));
      assert.match(exits[0]!, /crasher exited with code 3 after [\d.]+ s; restarting it in 0\.1 s/);
      assert.match(exits[1]!, /restarting it in 0\.2 s/);
      assert.match(alarms[0]!, /CRASH LOOP: crasher crashed 3 times within 1 min \(last: exited with code 3\)/);
      assert.match(exits.at(-1)!, /restarting it in 0\.4 s/);
    } finally {
      await service.stop();
    }
    const restarts = service.restarts;
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(service.restarts, restarts, 'nothing is restarted after stop()');
  });

  it('stops a child with its stop signal, and kills one that ignores it after the grace time', async () => {
    const logFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'supervisor-')), 'stubborn.log');
    const stubborn = new SupervisedProcess('stubborn', {
      command: process.execPath,
      args: ['-e', "process.on('SIGTERM', () => console.log('SIGTERM ignored')); setInterval(() => {}, 1000); console.log('ready')"],
      logFile,
      stopTimeoutMs: 500,
    }, { log: () => {}, policy: fastPolicy });
    stubborn.start();
    await waitFor('the child', async () => assert.match(readFileSync(logFile, 'utf8'), /ready/), 10_000, 50);
    const started = Date.now();
    await stubborn.stop();
    assert.ok(Date.now() - started >= 500, 'waited for the grace time');
    assert.equal(stubborn.pid, null);
    assert.match(readFileSync(logFile, 'utf8'), /SIGTERM ignored/);
    rmSync(path.dirname(logFile), { recursive: true, force: true });
  });
});
