// What a notice needs from the database, read in one statement: whether it was queued before
// (a retried activity), its template, the case, and the recipient's phone and unit name. A
// notice used to cost a round trip for each.
import { ApplicationFailure } from '@temporalio/common';
import type { PrismaClient } from '../prisma/client';
import { PERMANENT_FAILURE } from './failureClass';

/** The notice's row when an earlier attempt of the activity queued it (nothing else is needed then). */
export interface EarlierNotice {
  earlier: { status: string; messageSid: string | null };
}

export interface NoticeFacts {
  earlier: null;
  templateBody: string;
  citizenPhone: string | null;
  reReviewUntil: Date | null;
  /** The duty phone and name of `unitId`, or the phone and unit name of `userId`. */
  recipient: { phone: string | null; unitName: string } | null;
}

interface FactsRow {
  earlier: EarlierNotice['earlier'] | null;
  templateBody: string | null;
  caseFound: boolean;
  citizenPhone: string | null;
  reReviewUntil: Date | null;
  recipient: { phone: string | null; unitName: string } | null;
}

/** A row the notice names does not exist: no retry brings it (as Prisma's findUniqueOrThrow, P2025). */
function missing(what: string): ApplicationFailure {
  return ApplicationFailure.create({ type: PERMANENT_FAILURE, message: `P2025: no ${what}`, details: ['P2025'], nonRetryable: true });
}

export async function readNoticeFacts(
  prisma: Pick<PrismaClient, '$queryRaw'>,
  notice: { messageId: string; caseId: string; template: string; unitId?: string; userId?: string },
): Promise<EarlierNotice | NoticeFacts> {
  const [row] = await prisma.$queryRaw<FactsRow[]>`
    SELECT
      (SELECT json_build_object('status', m.status, 'messageSid', m."messageSid") FROM "SmsMessage" AS m WHERE m.id = ${notice.messageId}) AS earlier,
      (SELECT t.body FROM "MessageTemplate" AS t WHERE t.code = ${notice.template}) AS "templateBody",
      c.id IS NOT NULL AS "caseFound", c."citizenPhone", c."reReviewUntil",
      COALESCE(
        (SELECT json_build_object('phone', u."dutyPhone", 'unitName', u.name) FROM "Unit" AS u WHERE u.id = ${notice.unitId ?? null}),
        (SELECT json_build_object('phone', p.phone, 'unitName', pu.name) FROM "User" AS p JOIN "Unit" AS pu ON pu.id = p."unitId" WHERE p.id = ${notice.userId ?? null})
      ) AS recipient
    FROM (SELECT 1) AS one LEFT JOIN "Case" AS c ON c.id = ${notice.caseId}`;
  if (!row) throw new Error('the notice facts query answered no row');
  if (row.earlier) return { earlier: row.earlier };
  if (row.templateBody === null) throw missing(`MessageTemplate ${notice.template}`);
  if (!row.caseFound) throw missing(`Case ${notice.caseId}`);
  if (notice.unitId !== undefined && row.recipient === null) throw missing(`Unit ${notice.unitId}`);
  if (notice.userId !== undefined && row.recipient === null) throw missing(`User ${notice.userId}`);
  return { earlier: null, templateBody: row.templateBody, citizenPhone: row.citizenPhone, reReviewUntil: row.reReviewUntil, recipient: row.recipient };
}
