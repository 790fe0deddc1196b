// Where a step's CPU went, by process, from /proc (user + system time of every process of the
// machine): on the 2-core machine the intake rate is the inverse of what a case costs all the
// processes together, so this says which one to make cheaper.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

export type CpuSnapshot = Map<string, number>;

/** A process's command and the CPU seconds it used so far (user + system time); throws once it ended. */
export function processCpu(pid: number | string): { command: string; seconds: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command sits in parentheses and may itself hold spaces or parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { command: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
}

/** CPU seconds used so far by every process, keyed `<pid> <command>`. */
export function cpuSnapshot(): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const { command, seconds } = processCpu(pid);
      snapshot.set(`${pid} ${command}`, seconds);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return snapshot;
}

/**
 * CPU milliseconds per unit of work (`units`, e.g. cases) between two snapshots, grouped: the
 * named pids first, then by command (every PostgreSQL backend under `postgres`), the rest as `other`.
 */
export function cpuPerUnit(before: CpuSnapshot, after: CpuSnapshot, units: number, named: Record<string, number>, commands: string[]): string {
  const groups = new Map<string, number>([...Object.keys(named), ...commands, 'other'].map((group) => [group, 0]));
  for (const [key, seconds] of after) {
    const used = seconds - (before.get(key) ?? 0);
    if (used <= 0) continue;
    const [pid, command] = [Number(key.slice(0, key.indexOf(' '))), key.slice(key.indexOf(' ') + 1)];
    // `temporal` counts the dev server and Temporal's own server (`temporal-server`) alike.
    const group = Object.entries(named).find(([, namedPid]) => namedPid === pid)?.[0] ?? commands.find((name) => command === name || command.startsWith(`${name}-`)) ?? 'other';
    groups.set(group, groups.get(group)! + used);
  }
  const total = [...groups.values()].reduce((sum, seconds) => sum + seconds, 0);
  const perUnit = (seconds: number) => `${Math.round((seconds * 1000) / units)} ms`;
  return `${perUnit(total)} in all = ${[...groups].map(([group, seconds]) => `${group} ${perUnit(seconds)}`).join(', ')}`;
}
