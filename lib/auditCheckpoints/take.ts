// Taking a checkpoint: the last row of every chain that received rows since the previous
// checkpoint (less an overlap, for transactions that committed late), signed and appended to
// the checkpoint file. Anchoring a chain's last row anchors all of it: each row's hash covers
// the one before.
import { appendFile, mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { db, type PrismaClient } from '../../prisma/client';
import { CHECKPOINT_VERSION, lineHash, signCheckpoint, type AnchoredHead, type Checkpoint } from './signing';

/** Rows recorded this long before the previous checkpoint are looked at again. */
export const CHECKPOINT_OVERLAP_MS = 10 * 60_000;

/** Bytes read at a time from the end of the file: a year of checkpoints must not be read whole. */
const TAIL_CHUNK = 64 * 1024;

/** The last non-empty line of the file (no file, or an empty one: null), read from its end. */
async function lastLine(file: string): Promise<string | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    let tail = Buffer.alloc(0);
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - TAIL_CHUNK);
      const chunk = Buffer.alloc(end - start);
      await handle.read(chunk, 0, chunk.length, start);
      tail = Buffer.concat([chunk, tail]);
      end = start;
      // Whole once a newline precedes its last non-empty line (bytes split inside a character
      // are only ever at the front of `tail`, before that newline).
      const lines = tail.toString('utf8').split('\n').filter((line) => line.trim() !== '');
      if (lines.length > 1 || (lines.length === 1 && start === 0)) return lines.at(-1)!;
    }
    return null;
  } finally {
    await handle.close();
  }
}

export interface TakenCheckpoint {
  checkpoint: Checkpoint;
  line: string;
}

/** Takes one checkpoint and appends it to `file`; null when no chain moved since the last one. */
export async function takeCheckpoint(prisma: Pick<PrismaClient, '$queryRaw'>, options: { file: string; key: KeyObject; now?: Date }): Promise<TakenCheckpoint | null> {
  const previousLine = await lastLine(options.file);
  const previous = previousLine ? (JSON.parse(previousLine) as Checkpoint) : null;
  const at = options.now ?? new Date();
  const since = previous ? new Date(new Date(previous.at).getTime() - CHECKPOINT_OVERLAP_MS) : null;
  const rows = await prisma.$queryRaw<{ chainKey: string; chainSeq: number; hash: string }[]>`
    SELECT DISTINCT ON (e."chainKey") e."chainKey", e."chainSeq", e.hash
    FROM "AuditEvent" e
    WHERE e."chainKey" IN (SELECT DISTINCT "chainKey" FROM "AuditEvent" WHERE ${since === null ? db.Prisma.sql`TRUE` : db.Prisma.sql`"recordedAt" >= ${since}`})
    ORDER BY e."chainKey", e."chainSeq" DESC`;
  if (rows.length === 0) return null;
  const heads: AnchoredHead[] = rows.map((row) => [row.chainKey, row.chainSeq, row.hash]);
  const checkpoint = signCheckpoint({ v: CHECKPOINT_VERSION, n: (previous?.n ?? 0) + 1, at: at.toISOString(), since: since?.toISOString() ?? null, prev: previousLine ? lineHash(previousLine) : null, heads }, options.key);
  const line = JSON.stringify(checkpoint);
  await mkdir(path.dirname(options.file), { recursive: true });
  await appendFile(options.file, `${line}\n`, { mode: 0o640 });
  return { checkpoint, line };
}
