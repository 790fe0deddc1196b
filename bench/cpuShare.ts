// Where a step's CPU went, by process, from /proc (user + system time of every process of the
// machine): on the 2-core machine the intake rate is the inverse of what a case costs all the
// processes together, so this says which one to make cheaper.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

export interface ProcessTime {
  command: string;
  /** CPU seconds used so far (user + system time). */
  seconds: number;
}

/**
 * CPU time of every process, keyed `<pid>:<start time>`: not by command, which a process may
 * change (the kernel's worker threads rename themselves after the work they pick up, and would
 * then count their whole lifetime as new), and not by pid alone, which a new process may reuse.
 */
export type CpuSnapshot = Map<string, ProcessTime>;

/** A process's command, start time (clock ticks since boot) and CPU seconds so far; throws once it ended. */
export function processCpu(pid: number | string): ProcessTime & { startTicks: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command sits in parentheses and may itself hold spaces or parentheses; the fields after
  // it start at the third of proc(5): utime is the 14th, stime the 15th, starttime the 22nd.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    command: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
    seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
    startTicks: Number(fields[19]),
  };
}

/** CPU time used so far by every process. */
export function cpuSnapshot(): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const { command, seconds, startTicks } = processCpu(pid);
      snapshot.set(`${pid}:${startTicks}`, { command, seconds });
    } catch {
      // the process ended between the listing and the read
    }
  }
  return snapshot;
}

/** CPU seconds each process used between two snapshots (a process that started meanwhile: all of its time). */
function usedBetween(before: CpuSnapshot, after: CpuSnapshot): { pid: number; command: string; seconds: number }[] {
  return [...after].flatMap(([key, { command, seconds }]) => {
    const used = seconds - (before.get(key)?.seconds ?? 0);
    return used > 0 ? [{ pid: Number(key.slice(0, key.indexOf(':'))), command, seconds: used }] : [];
  });
}

/**
 * CPU milliseconds per unit of work (`units`, e.g. cases) between two snapshots, grouped: the
 * named pids first, then by command (every PostgreSQL backend under `postgres`), the rest as `other`.
 */
export function cpuPerUnit(before: CpuSnapshot, after: CpuSnapshot, units: number, named: Record<string, number>, commands: string[]): string {
  const groups = new Map<string, number>([...Object.keys(named), ...commands, 'other'].map((group) => [group, 0]));
  for (const { pid, command, seconds } of usedBetween(before, after)) {
    // `temporal` counts the dev server and Temporal's own server (`temporal-server`) alike.
    const group = Object.entries(named).find(([, namedPid]) => namedPid === pid)?.[0] ?? commands.find((name) => command === name || command.startsWith(`${name}-`)) ?? 'other';
    groups.set(group, groups.get(group)! + seconds);
  }
  const total = [...groups.values()].reduce((sum, seconds) => sum + seconds, 0);
  const perUnit = (seconds: number) => `${Math.round((seconds * 1000) / units)} ms`;
  return `${perUnit(total)} in all = ${[...groups].map(([group, seconds]) => `${group} ${perUnit(seconds)}`).join(', ')}`;
}

/**
 * Waits until every process but this one together uses less than `coreShare` of one core for
 * `quietSeconds` seconds in a row, or `timeoutMs` passed, and says what it saw. A step that
 * measures latency starts after the previous step's aftermath (PostgreSQL's autovacuum and
 * checkpoints after thousands of inserts, Temporal persisting its backlog), which on two shared
 * cores would otherwise land in its tail.
 */
export async function waitForQuietMachine({ coreShare = 0.1, quietSeconds = 3, timeoutMs = 180_000 } = {}): Promise<string> {
  const started = Date.now();
  const busy: number[] = [];
  let before = cpuSnapshot();
  let quietFor = 0;
  while (Date.now() - started < timeoutMs) {
    const sampledAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = cpuSnapshot();
    const used = usedBetween(before, after).filter(({ pid }) => pid !== process.pid).reduce((sum, { seconds }) => sum + seconds, 0);
    before = after;
    const share = used / ((Date.now() - sampledAt) / 1000);
    busy.push(share);
    quietFor = share < coreShare ? quietFor + 1 : 0;
    if (quietFor >= quietSeconds) break;
  }
  const percent = (share: number) => `${Math.round(share * 100)} %`;
  const waited = ((Date.now() - started) / 1000).toFixed(0);
  const what = `the other processes used ${percent(busy[0] ?? 0)} of a core when the wait began, ${percent(busy.at(-1) ?? 0)} at its end`;
  return quietFor >= quietSeconds ? `machine quiet after ${waited} s (${what})` : `machine NOT quiet after ${waited} s (${what}): what follows shares the CPU`;
}
