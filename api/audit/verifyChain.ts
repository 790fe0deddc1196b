// Verification of the audit hash chains (docs/audit.md): every row is read back in chainSeq
// order, its hash recomputed in TypeScript (canonical.ts) and its links checked, and the chain's
// last row compared with its head. Rows are read in keyset batches, so a million rows never sit
// in memory at once; only the first broken link of each chain is reported.
import { db, type PrismaClient } from '../../prisma/client';
import { auditRowHash, GENESIS_HASH, parseJsonKeepingNumbers, type AuditLink } from './canonical';
import type { BrokenLink, ChainReport, VerifyAllReport } from './verificationReport';

interface StoredRow extends AuditLink {
  id: string;
  hash: string;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/** Walks one chain row by row; stops checking at the first broken link but keeps counting. */
export class ChainWalker {
  private last: StoredRow | null = null;
  private rowsSeen = 0;
  private broken: BrokenLink | null = null;

  constructor(readonly chainKey: string) {}

  push(row: StoredRow): void {
    this.rowsSeen += 1;
    if (this.broken) return;
    this.broken = this.check(row);
    this.last = row;
  }

  private check(row: StoredRow): BrokenLink | null {
    const at = { chainKey: this.chainKey, auditEventId: row.id };
    const dueSeq = (this.last?.chainSeq ?? 0) + 1;
    if (row.chainSeq !== dueSeq) return { ...at, chainSeq: dueSeq, kind: 'gap', expected: String(dueSeq), found: String(row.chainSeq) };
    const dueprev = this.last?.hash ?? GENESIS_HASH;
    if (row.prevHash !== dueprev) return { ...at, chainSeq: row.chainSeq, kind: 'prevMismatch', expected: dueprev, found: row.prevHash };
    const recomputed = auditRowHash(row);
    if (row.hash !== recomputed) return { ...at, chainSeq: row.chainSeq, kind: 'hashMismatch', expected: recomputed, found: row.hash };
    return null;
  }

  /** The chain ends where its head says; no row and no head (or a head at 0) is an empty, unknown chain. */
  finish(head: ChainHead | null): ChainReport {
    if (!this.broken && (head || this.last)) {
      const lastSeq = this.last?.chainSeq ?? 0;
      const lastHash = this.last?.hash ?? GENESIS_HASH;
      if (!head || head.seq !== lastSeq || head.hash !== lastHash) {
        this.broken = {
          chainKey: this.chainKey,
          chainSeq: head && head.seq > lastSeq ? lastSeq + 1 : lastSeq,
          auditEventId: this.last?.id ?? null,
          kind: 'headMismatch',
          expected: head ? `${head.seq}:${head.hash}` : '(no head)',
          found: this.last ? `${lastSeq}:${lastHash}` : '(no row)',
        };
      }
    }
    return { chainKey: this.chainKey, rows: this.rowsSeen, ok: this.broken === null, brokenLink: this.broken };
  }
}

/** A row as the verification reads it: the hashed fields, its stored hash, and its chain's head. */
interface RawRow extends Omit<AuditLink, 'payload'> {
  id: bigint;
  hash: string;
  /** jsonb as text: its numbers keep their digits. */
  payload: string;
  headSeq: number | null;
  headHash: string | null;
}

const COLUMNS = db.Prisma.sql`
  e.id, e."chainKey", e."chainSeq", e."prevHash", e.hash, e."idempotencyKey", e."caseId", e."entityType", e."entityId", e.action,
  e."actorId", e."actorRole", e."actorUnitId", e.reason, e."occurredAt", e.payload::text AS payload, h.seq AS "headSeq", h.hash AS "headHash"`;

function storedRow(raw: RawRow): StoredRow {
  return { ...raw, id: raw.id.toString(), payload: parseJsonKeepingNumbers(raw.payload) };
}

function headOf(raw: RawRow): ChainHead | null {
  return raw.headSeq === null || raw.headHash === null ? null : { seq: raw.headSeq, hash: raw.headHash };
}

export const DEFAULT_BATCH_SIZE = 2000;

type Reader = db.Prisma.TransactionClient;

/**
 * Rows and heads read from one snapshot (REPEATABLE READ, read only): a row inserted while the
 * verification runs would otherwise show as a chain longer than the head read before it.
 */
function inOneSnapshot<T>(prisma: PrismaClient, read: (tx: Reader) => Promise<T>, timeoutMs: number): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET TRANSACTION READ ONLY`;
      return read(tx);
    },
    { isolationLevel: db.Prisma.TransactionIsolationLevel.RepeatableRead, timeout: timeoutMs, maxWait: 10_000 },
  );
}

/** One chain: a case id, or `entityType:entityId` for rows without a case. */
export function verifyChain(prisma: PrismaClient, chainKey: string, options: { batchSize?: number } = {}): Promise<ChainReport> {
  return inOneSnapshot(prisma, (tx) => readChain(tx, chainKey, options.batchSize ?? DEFAULT_BATCH_SIZE), 5 * 60_000);
}

async function readChain(prisma: Reader, chainKey: string, batchSize: number): Promise<ChainReport> {
  const walker = new ChainWalker(chainKey);
  let after = 0;
  for (;;) {
    const batch = await prisma.$queryRaw<RawRow[]>`
      SELECT ${COLUMNS} FROM "AuditEvent" e LEFT JOIN "AuditChainHead" h ON h."chainKey" = e."chainKey"
      WHERE e."chainKey" = ${chainKey} AND e."chainSeq" > ${after} ORDER BY e."chainSeq" LIMIT ${batchSize}`;
    for (const raw of batch) walker.push(storedRow(raw));
    if (batch.length < batchSize) break;
    after = batch.at(-1)!.chainSeq;
  }
  const head = await prisma.auditChainHead.findUnique({ where: { chainKey } });
  return walker.finish(head);
}

/**
 * Every chain, in (chainKey, chainSeq) order by keyset batches. Chains whose head has no row
 * left at all (a whole chain removed) are found by a separate pass over the heads.
 */
export function verifyAllChains(prisma: PrismaClient, options: { batchSize?: number; maxBroken?: number } = {}): Promise<VerifyAllReport> {
  return inOneSnapshot(prisma, (tx) => readAllChains(tx, options.batchSize ?? DEFAULT_BATCH_SIZE, options.maxBroken ?? 100), 60 * 60_000);
}

async function readAllChains(prisma: Reader, batchSize: number, maxBroken: number): Promise<VerifyAllReport> {
  const report: VerifyAllReport = { ok: true, chains: 0, rows: 0, brokenChains: 0, broken: [] };
  const close = (result: ChainReport) => {
    report.chains += 1;
    report.rows += result.rows;
    if (result.brokenLink) {
      report.brokenChains += 1;
      if (report.broken.length < maxBroken) report.broken.push(result.brokenLink);
    }
  };

  let open: { walker: ChainWalker; head: ChainHead | null } | undefined;
  let cursor: { chainKey: string; chainSeq: number } | null = null;
  for (;;) {
    const after: db.Prisma.Sql = cursor ? db.Prisma.sql`WHERE (e."chainKey", e."chainSeq") > (${cursor.chainKey}, ${cursor.chainSeq})` : db.Prisma.empty;
    const batch: RawRow[] = await prisma.$queryRaw<RawRow[]>`
      SELECT ${COLUMNS} FROM "AuditEvent" e LEFT JOIN "AuditChainHead" h ON h."chainKey" = e."chainKey"
      ${after} ORDER BY e."chainKey", e."chainSeq" LIMIT ${batchSize}`;
    for (const raw of batch) {
      if (open?.walker.chainKey !== raw.chainKey) {
        if (open) close(open.walker.finish(open.head));
        open = { walker: new ChainWalker(raw.chainKey), head: headOf(raw) };
      }
      open.walker.push(storedRow(raw));
    }
    if (batch.length < batchSize) break;
    const last: RawRow = batch.at(-1)!;
    cursor = { chainKey: last.chainKey, chainSeq: last.chainSeq };
  }
  if (open) close(open.walker.finish(open.head));

  const emptied = await prisma.$queryRaw<{ chainKey: string; seq: number; hash: string }[]>`
    SELECT h."chainKey", h.seq, h.hash FROM "AuditChainHead" h
    WHERE h.seq > 0 AND NOT EXISTS (SELECT 1 FROM "AuditEvent" e WHERE e."chainKey" = h."chainKey")`;
  for (const orphan of emptied) close(new ChainWalker(orphan.chainKey).finish(orphan));

  report.ok = report.brokenChains === 0;
  return report;
}
