// Case numbers (受理号): the Asia/Shanghai date and a daily sequence, digits only so that they
// can be read over the phone, e.g. 2026112300042. Issued atomically by PostgreSQL.
import { randomInt } from 'node:crypto';
import type { db } from '../../prisma/client';
import { shanghaiDate } from '../../rules/shanghaiTime';

/** Inside a transaction, the number is taken back if it rolls back (no gap in the day's sequence). */
export async function issueCaseNumber(prisma: Pick<db.Prisma.TransactionClient, '$queryRaw'>, now: Date): Promise<string> {
  const day = shanghaiDate(now.getTime()).replaceAll('-', '');
  const [row] = await prisma.$queryRaw<{ last: number }[]>`
    INSERT INTO "CaseNumberCounter" ("day", "last") VALUES (${day}, 1)
    ON CONFLICT ("day") DO UPDATE SET "last" = "CaseNumberCounter"."last" + 1
    RETURNING "last"`;
  return `${day}${String(row!.last).padStart(5, '0')}`;
}

/** A 6-digit query password for the citizen's receipt. */
export function newQueryPassword(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
