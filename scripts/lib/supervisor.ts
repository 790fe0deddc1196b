// Keeps one child process running for `npm start` and the chaos drill: a child that exits
// without being asked to is started again after the backoff of restartPolicy.ts, each exit
// logged with its code or signal; stop() asks it to end and waits (SIGKILL after a grace time).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { afterCrash, DEFAULT_RESTART_POLICY, NO_CRASHES, type CrashHistory, type RestartPolicy } from './restartPolicy';

export interface ChildCommand {
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Run as this user and group (PostgreSQL refuses to run as root). */
  uid?: number;
  gid?: number;
  /** Output appended to this file; without it the child writes to this process's stdout/stderr. */
  logFile?: string;
  /** The signal that asks for a graceful shutdown (PostgreSQL's fast shutdown is SIGINT). */
  stopSignal?: NodeJS.Signals;
  /** How long stop() waits before SIGKILL. */
  stopTimeoutMs?: number;
}

export interface SupervisorOptions {
  log: (message: string) => void;
  /** Crash loops go here, to stand out from the ordinary log. */
  alarm?: (message: string) => void;
  policy?: RestartPolicy;
}

function describeExit(code: number | null, signal: NodeJS.Signals | null, error?: Error): string {
  if (error) return `failed to start (${error.message})`;
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}

export class SupervisedProcess {
  private child: ChildProcess | null = null;
  private startedAt = 0;
  private history: CrashHistory = NO_CRASHES;
  private restartTimer: NodeJS.Timeout | null = null;
  private stopping = false;
  private waitingForStart: ((pid: number) => void)[] = [];
  /** Times it was started again after a crash. */
  restarts = 0;

  constructor(
    readonly name: string,
    private readonly command: ChildCommand,
    private readonly options: SupervisorOptions,
  ) {}

  /** The running child's pid, or null between a crash and its restart. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  start(): void {
    this.stopping = false;
    this.spawnChild();
  }

  /** Resolves with the pid of the next child this starts (the restart after a kill). */
  nextStart(): Promise<number> {
    return new Promise((resolve) => this.waitingForStart.push(resolve));
  }

  /** Sends `signal` to the running child, which is always one this supervisor started. */
  signal(signal: NodeJS.Signals): boolean {
    return this.child?.kill(signal) ?? false;
  }

  /** Ends the child and restarts nothing more: its stop signal, SIGKILL after the grace time. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.options.log(`${this.name} did not stop within ${(this.command.stopTimeoutMs ?? 15_000) / 1000} s; killing it`);
        child.kill('SIGKILL');
      }, this.command.stopTimeoutMs ?? 15_000);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        this.options.log(`${this.name} stopped (${signal ?? `code ${code}`})`);
        resolve();
      });
      child.kill(this.command.stopSignal ?? 'SIGTERM');
    });
  }

  private spawnChild(): void {
    const { command } = this;
    const logFd = command.logFile ? openSync(command.logFile, 'a') : null;
    const child = spawn(command.command, command.args, {
      cwd: command.cwd,
      env: command.env,
      uid: command.uid,
      gid: command.gid,
      stdio: logFd === null ? ['ignore', 'inherit', 'inherit'] : ['ignore', logFd, logFd],
      // Its own process group: a terminal's Ctrl-C reaches only the launcher, which then
      // stops the children in order (API before the worker before Temporal before PostgreSQL).
      detached: true,
    });
    if (logFd !== null) closeSync(logFd);
    this.child = child;
    this.startedAt = Date.now();
    let ended = false;
    const onEnd = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      if (ended) return;
      ended = true;
      if (this.child === child) this.child = null;
      if (!this.stopping) this.scheduleRestart(describeExit(code, signal, error));
    };
    child.once('error', (error) => onEnd(null, null, error));
    child.once('exit', (code, signal) => onEnd(code, signal));
    if (child.pid !== undefined) {
      const pid = child.pid;
      this.options.log(`${this.name} started (pid ${pid})`);
      for (const resolve of this.waitingForStart.splice(0)) resolve(pid);
    }
  }

  private scheduleRestart(how: string): void {
    const policy = this.options.policy ?? DEFAULT_RESTART_POLICY;
    const crashedAt = Date.now();
    const ranMs = crashedAt - this.startedAt;
    const decision = afterCrash(policy, this.history, this.startedAt, crashedAt);
    this.history = decision.history;
    const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
    this.options.log(`${this.name} ${how} after ${seconds(ranMs)}; restarting it in ${seconds(decision.delayMs)}`);
    if (decision.crashLoop) {
      const alarm = this.options.alarm ?? this.options.log;
      alarm(`CRASH LOOP: ${this.name} crashed ${decision.history.recentCrashes.length} times within ${policy.crashLoopWindowMs / 60_000} min (last: ${how}); retrying every ${seconds(policy.maxDelayMs)} — see its log`);
    }
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.stopping) return;
      this.restarts += 1;
      this.spawnChild();
    }, decision.delayMs);
  }
}
