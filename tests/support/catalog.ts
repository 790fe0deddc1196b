// A normalised description of a PostgreSQL schema (enums, columns, indexes, constraints) read
// from the system catalogs, for comparing two databases line by line.
import type { ScratchDatabase } from './db';

type Query = ScratchDatabase['query'];

const IGNORED_TABLES = ['_prisma_migrations'];

export async function describeSchema(query: Query): Promise<string[]> {
  const enums = await query<{ name: string; labels: string[] }>(`
    SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' GROUP BY t.typname`);
  const columns = await query<Record<string, string | number | null>>(`
    SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
           character_maximum_length, numeric_precision, numeric_scale, datetime_precision
    FROM information_schema.columns WHERE table_schema = 'public'`);
  const indexes = await query<{ tablename: string; indexdef: string }>(`SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'`);
  const constraints = await query<{ table: string; name: string; definition: string }>(`
    SELECT c.relname AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS definition
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public'`);

  const keep = (table: string) => !IGNORED_TABLES.includes(table);
  return [
    ...enums.map((e) => `enum ${e.name} (${e.labels.join(', ')})`),
    ...columns.filter((c) => keep(String(c.table_name))).map((c) =>
      `column ${c.table_name}.${c.column_name} ${c.data_type}/${c.udt_name} len=${c.character_maximum_length} num=${c.numeric_precision},${c.numeric_scale} time=${c.datetime_precision} nullable=${c.is_nullable} default=${c.column_default}`),
    ...indexes.filter((i) => keep(i.tablename)).map((i) => `index ${i.indexdef}`),
    ...constraints.filter((k) => keep(k.table)).map((k) => `constraint ${k.table}.${k.name} ${k.definition}`),
  ].sort();
}

/** Lines only in `a` (prefixed "-") and only in `b` (prefixed "+"). */
export function schemaDifferences(a: string[], b: string[]): string[] {
  const inA = new Set(a);
  const inB = new Set(b);
  return [...a.filter((line) => !inB.has(line)).map((line) => `- ${line}`), ...b.filter((line) => !inA.has(line)).map((line) => `+ ${line}`)];
}
