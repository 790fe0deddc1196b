// Checking the database against the signed checkpoints: every line's signature and its link to
// the line before, then, for each chain, the row at its latest anchored place must still carry
// the anchored hash. With the chain verification (every row's hash recomputed from its
// content and linked to the one before), a chain recomputed after an edit is caught here.
import { readFile } from 'node:fs/promises';
import type { KeyObject } from 'node:crypto';
import type { PrismaClient } from '../../prisma/client';
import { lineHash, signatureHolds, verificationKeys, type Checkpoint } from './signing';

export interface CheckpointProblem {
  line: number;
  kind: 'unreadable' | 'signature' | 'order' | 'missingRow' | 'hashMismatch';
  chainKey?: string;
  chainSeq?: number;
  expected?: string;
  found?: string;
}

export interface CheckpointReport {
  file: string;
  checkpoints: number;
  anchoredChains: number;
  ok: boolean;
  /** The first problems found (at most 100). */
  problems: CheckpointProblem[];
}

const MAX_PROBLEMS = 100;
const BATCH = 1000;

export async function checkCheckpoints(prisma: Pick<PrismaClient, '$queryRaw'>, options: { file: string; publicKeys: KeyObject[]; chainKey?: string }): Promise<CheckpointReport> {
  const keys = verificationKeys(options.publicKeys);
  const lines = (await readFile(options.file, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  const problems: CheckpointProblem[] = [];
  const latest = new Map<string, { seq: number; hash: string; line: number }>();
  let previousLine: string | null = null;
  lines.forEach((text, index) => {
    const line = index + 1;
    let checkpoint: Checkpoint;
    try {
      checkpoint = JSON.parse(text) as Checkpoint;
    } catch {
      problems.push({ line, kind: 'unreadable' });
      previousLine = text;
      return;
    }
    if (!signatureHolds(checkpoint, keys)) problems.push({ line, kind: 'signature', expected: 'a signature by a known key', found: String(checkpoint.keyId) });
    const dueprev = previousLine === null ? null : lineHash(previousLine);
    if (checkpoint.n !== line || checkpoint.prev !== dueprev) problems.push({ line, kind: 'order', expected: `n=${line} prev=${dueprev}`, found: `n=${checkpoint.n} prev=${checkpoint.prev}` });
    previousLine = text;
    for (const [chainKey, seq, hash] of checkpoint.heads ?? []) {
      if (options.chainKey !== undefined && chainKey !== options.chainKey) continue;
      const known = latest.get(chainKey);
      if (!known || known.seq <= seq) latest.set(chainKey, { seq, hash, line });
    }
  });

  const anchored = [...latest.entries()];
  for (let start = 0; start < anchored.length && problems.length < MAX_PROBLEMS; start += BATCH) {
    const batch = anchored.slice(start, start + BATCH);
    const rows = await prisma.$queryRaw<{ chainKey: string; chainSeq: number; hash: string }[]>`
      SELECT e."chainKey", e."chainSeq", e.hash
      FROM unnest(${batch.map(([key]) => key)}::text[], ${batch.map(([, at]) => at.seq)}::int[]) AS a(key, seq)
      JOIN "AuditEvent" e ON e."chainKey" = a.key AND e."chainSeq" = a.seq`;
    const stored = new Map(rows.map((row) => [row.chainKey, row.hash]));
    for (const [chainKey, at] of batch) {
      const hash = stored.get(chainKey);
      if (hash === undefined) problems.push({ line: at.line, kind: 'missingRow', chainKey, chainSeq: at.seq, expected: at.hash, found: '(no row)' });
      else if (hash !== at.hash) problems.push({ line: at.line, kind: 'hashMismatch', chainKey, chainSeq: at.seq, expected: at.hash, found: hash });
    }
  }
  return { file: options.file, checkpoints: lines.length, anchoredChains: anchored.length, ok: problems.length === 0, problems: problems.slice(0, MAX_PROBLEMS) };
}
