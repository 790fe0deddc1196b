// Subtree rewrites in SQL for the unit and category trees: every node below a moved one gets
// its new lineage (and, for units, level) in one statement, inside the caller's transaction.
import { db } from '../../prisma/client';
import type { Tx } from '../audit/record';

export type TreeTable = 'Unit' | 'Category';

/** Structural changes of one tree take turns, so two moves cannot build a cycle between them. */
export async function lockTree(tx: Tx, table: TreeTable): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`tree:${table}`}))`;
}

/** The longest lineage in the subtree of `id` (the node's own when it is a leaf). */
export async function deepestLineage(tx: Tx, table: TreeTable, id: string): Promise<number> {
  const rows = await tx.$queryRaw<{ depth: number }[]>`SELECT coalesce(max(cardinality("lineage")), 0)::int AS depth FROM ${db.Prisma.raw(`"${table}"`)} WHERE "lineage" @> ARRAY[${id}]::text[]`;
  return rows[0]?.depth ?? 0;
}

/**
 * Gives node `id` the lineage `movedLineage` and every node below it the same new prefix
 * (units' levels follow their lineage). Returns how many rows were rewritten.
 */
export async function rewriteSubtree(tx: Tx, table: TreeTable, id: string, movedLineage: string[]): Promise<number> {
  const newLineage = db.Prisma.sql`${movedLineage}::text[] || "lineage"[array_position("lineage", ${id}) + 1 :]`;
  const level = table === 'Unit' ? db.Prisma.sql`, "level" = cardinality(${newLineage}) - 1` : db.Prisma.empty;
  return tx.$executeRaw`UPDATE ${db.Prisma.raw(`"${table}"`)} SET "lineage" = ${newLineage}${level}, "updatedAt" = now() WHERE "lineage" @> ARRAY[${id}]::text[]`;
}
