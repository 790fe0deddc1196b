// The status rules of messageStatus.ts as SQL conditions, for the statements that move an
// SmsMessage row forward. The condition must be evaluated on the row PostgreSQL reads when it
// updates (under a concurrent callback it re-reads it), so each statement repeats it per column.
import { db } from '../../prisma/client';

/** `status` (a column expression) is one of `statuses`, passed as one text parameter. */
export function statusIn(status: string, statuses: readonly string[]): db.Prisma.Sql {
  return db.Prisma.sql`${db.Prisma.raw(status)} = ANY(string_to_array(${statuses.join(',')}, ','))`;
}
