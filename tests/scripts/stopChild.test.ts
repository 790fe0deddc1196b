// Stopping a child process (scripts/lib/stopChild.ts), as the launchers and the test helpers do:
// the signal first, SIGKILL after the grace time, resolved only once the child has exited.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { stopChild } from '../../scripts/lib/stopChild';

/** A node child that prints "ready" once its SIGTERM handler (ignore or exit) is installed. */
async function child(onTerm: 'ignore' | 'exit'): Promise<ChildProcess> {
  const script = `process.on('SIGTERM', () => { ${onTerm === 'exit' ? 'process.exit(0)' : ''} }); console.log('ready'); setInterval(() => {}, 1000);`;
  const started = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => started.stdout!.once('data', () => resolve()));
  return started;
}

describe('stopChild', () => {
  it('ends a child that stops on SIGTERM without waiting out the grace time', async () => {
    const running = await child('exit');
    const started = Date.now();
    await stopChild(running, 20_000);
    assert.equal(running.exitCode, 0);
    assert.ok(Date.now() - started < 5_000);
  });

  it('kills a child that ignores SIGTERM once the grace time is over, and resolves after it exited', async () => {
    const running = await child('ignore');
    const started = Date.now();
    await stopChild(running, 500);
    assert.equal(running.signalCode, 'SIGKILL');
    assert.ok(Date.now() - started >= 500);
  });

  it('sends the signal it is given, and resolves at once for a child already gone', async () => {
    const running = await child('ignore');
    await stopChild(running, 20_000, 'SIGKILL');
    assert.equal(running.signalCode, 'SIGKILL');
    await stopChild(running, 20_000);
  });
});
