// The errors the API logged while it was fuzzed (pino JSON lines, level error and above): every
// 500, and failures a door turned into a 4xx of its own (Open311's "general service error"),
// which the status checks alone would miss. Prints the distinct messages, answers the count.
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

const PINO_ERROR = 50;
const SHOWN = 10;

interface LogLine {
  level?: number;
  msg?: string;
  err?: { type?: string; message?: string; stack?: string };
  req?: { method?: string; url?: string };
  url?: string;
}

export async function serverErrorsLogged(logPath: string, log: (message: string) => void): Promise<number> {
  if (!existsSync(logPath)) return 0;
  let count = 0;
  const distinct = new Map<string, { count: number; stack: string }>();
  for await (const line of createInterface({ input: createReadStream(logPath, 'utf8'), crlfDelay: Infinity })) {
    let entry: LogLine;
    try {
      entry = JSON.parse(line) as LogLine;
    } catch {
      continue; // a line that is not pino's (a crash's stack goes to the same file and shows below)
    }
    if ((entry.level ?? 0) < PINO_ERROR) continue;
    count += 1;
    const key = `${entry.msg ?? ''}: ${entry.err?.type ?? ''} ${(entry.err?.message ?? '').split('\n').find((l) => l.trim() !== '') ?? ''}`.slice(0, 300);
    const seen = distinct.get(key) ?? { count: 0, stack: entry.err?.stack?.split('\n').slice(0, 8).join('\n') ?? '' };
    seen.count += 1;
    distinct.set(key, seen);
  }
  for (const [key, { count: times, stack }] of [...distinct].slice(0, SHOWN)) {
    log(`API logged ${times}× ${key}`);
    if (stack) log(stack.split('\n').map((l) => `    ${l}`).join('\n'));
  }
  if (distinct.size > SHOWN) log(`… and ${distinct.size - SHOWN} more kinds; see ${logPath}`);
  return count;
}
