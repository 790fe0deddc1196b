// Stopping a child process we started, the one way every launcher and test helper does it.
import type { ChildProcess } from 'node:child_process';

/**
 * Sends `signal` (SIGTERM: stop gracefully), then SIGKILL if the child still runs after
 * `graceMs`; resolves once it has exited. A child that already exited resolves at once.
 */
export async function stopChild(child: ChildProcess, graceMs: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const running = () => child.exitCode === null && child.signalCode === null;
  if (!running()) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
  if (running()) {
    child.kill('SIGKILL');
    await exited;
  }
}
