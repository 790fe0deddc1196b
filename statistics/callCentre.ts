// The call-centre figures (话务统计) over a period: inbound calls offered to the operators' queue,
// answered, abandoned, 接通率, average wait and talk, by Shanghai hour of day and by day, and per
// operator calls taken, cases registered and average handling time. PostgreSQL aggregates the
// Call rows the telephony webhooks write; docs/statistics.md ("Call-centre figures") is the
// specification of every figure, keep the two in step.
import type { PrismaClient } from '../prisma/client';
import { addDays, type IsoDate } from '../rules/shanghaiTime';
import { daysIn, instantRange, type Period } from './period';

/** Filed under its case later than this after the call's end, the filing is not after-call work. */
export const AFTER_CALL_WORK_MAX_SEC = 3600;

export interface CallFigures {
  /** Inbound calls that reached the hotline (IVR self-service included). */
  received: number;
  /** Inbound calls that joined the operators' queue. */
  offered: number;
  /** Offered calls an operator took. */
  answered: number;
  /** Offered calls whose caller hung up while waiting. */
  abandoned: number;
  /** Offered calls that left the queue for voicemail (queue full, error) without an operator. */
  toVoicemail: number;
  /** 接通率: answered / offered; null without offered calls. */
  answerRate: number | null;
  /** 呼损率: abandoned / offered; null without offered calls. */
  abandonRate: number | null;
  /** Mean seconds from joining the queue to being answered or hanging up (answered and abandoned calls). */
  avgWaitSec: number | null;
  /** Mean seconds from being answered to the call's end (answered calls that ended). */
  avgTalkSec: number | null;
}

export interface OperatorFigures {
  userId: string;
  username: string;
  displayName: string;
  /** Calls this operator answered that came in during the period. */
  callsTaken: number;
  /** Cases this operator registered during the period (any channel). */
  casesRegistered: number;
  /** Of the calls taken, those filed under a case. */
  callsWithCase: number;
  avgTalkSec: number | null;
  /** Mean seconds from answering to the later of the call's end and its filing under a case. */
  avgHandlingSec: number | null;
}

export interface CallCentreResult {
  from: IsoDate;
  to: IsoDate;
  totals: CallFigures;
  /** 24 rows, hour 0–23 of the Shanghai day, every day of the period together. */
  byHour: (CallFigures & { hour: number })[];
  /** One row per day of the period, oldest first. */
  byDay: (CallFigures & { date: IsoDate })[];
  /** Operators who took a call or registered a case in the period, most calls first. */
  operators: OperatorFigures[];
}

/** The sums one (day, hour) cell of the period holds; figures are made from sums of cells. */
interface CallSums {
  received: number;
  offered: number;
  answered: number;
  abandoned: number;
  toVoicemail: number;
  waitSec: number;
  waited: number;
  talkSec: number;
  talked: number;
}

const EMPTY: CallSums = { received: 0, offered: 0, answered: 0, abandoned: 0, toVoicemail: 0, waitSec: 0, waited: 0, talkSec: 0, talked: 0 };

function add(a: CallSums, b: CallSums): CallSums {
  return {
    received: a.received + b.received, offered: a.offered + b.offered, answered: a.answered + b.answered, abandoned: a.abandoned + b.abandoned,
    toVoicemail: a.toVoicemail + b.toVoicemail, waitSec: a.waitSec + b.waitSec, waited: a.waited + b.waited, talkSec: a.talkSec + b.talkSec, talked: a.talked + b.talked,
  };
}

const ratio = (numerator: number, denominator: number) => (denominator === 0 ? null : numerator / denominator);
/** Seconds to one decimal: the averages are shown, not summed again. */
const meanSec = (total: number, count: number) => (count === 0 ? null : Math.round((total / count) * 10) / 10);

function figuresOf(s: CallSums): CallFigures {
  return {
    received: s.received, offered: s.offered, answered: s.answered, abandoned: s.abandoned, toVoicemail: s.toVoicemail,
    answerRate: ratio(s.answered, s.offered), abandonRate: ratio(s.abandoned, s.offered),
    avgWaitSec: meanSec(s.waitSec, s.waited), avgTalkSec: meanSec(s.talkSec, s.talked),
  };
}

/** Per Shanghai (day, hour) of arrival: the counts and duration sums of the period's inbound calls. */
async function cellsOf(prisma: PrismaClient, period: Period): Promise<(CallSums & { date: IsoDate; hour: number })[]> {
  const { start, end } = instantRange(period);
  return prisma.$queryRaw`
    WITH calls AS (
      SELECT c."startedAt" AT TIME ZONE 'Asia/Shanghai' AS local,
        c."queuedAt" IS NOT NULL AS offered,
        c."queuedAt" IS NOT NULL AND c."answeredAt" IS NOT NULL AS answered,
        c."queuedAt" IS NOT NULL AND c."answeredAt" IS NULL AND c."endedAt" IS NOT NULL AND c.purpose <> 'voicemail' AS abandoned,
        c."queuedAt" IS NOT NULL AND c."answeredAt" IS NULL AND c.purpose = 'voicemail' AS "toVoicemail",
        extract(epoch FROM coalesce(c."answeredAt", CASE WHEN c.purpose <> 'voicemail' THEN c."endedAt" END) - c."queuedAt") AS wait,
        extract(epoch FROM c."endedAt" - c."answeredAt") AS talk
      FROM "Call" c
      -- An operator's Twilio Client leg is no citizen's call, should its status be reported.
      WHERE c.direction = 'inbound' AND c."fromNumber" NOT LIKE 'client:%' AND c."startedAt" >= ${start} AND c."startedAt" < ${end}
    )
    SELECT to_char(local, 'YYYY-MM-DD') AS date, extract(hour FROM local)::int AS hour,
      count(*)::int AS received,
      count(*) FILTER (WHERE offered)::int AS offered,
      count(*) FILTER (WHERE answered)::int AS answered,
      count(*) FILTER (WHERE abandoned)::int AS abandoned,
      count(*) FILTER (WHERE "toVoicemail")::int AS "toVoicemail",
      coalesce(sum(greatest(wait, 0)) FILTER (WHERE answered OR abandoned), 0)::float8 AS "waitSec",
      count(wait) FILTER (WHERE answered OR abandoned)::int AS waited,
      coalesce(sum(greatest(talk, 0)) FILTER (WHERE answered), 0)::float8 AS "talkSec",
      count(talk) FILTER (WHERE answered)::int AS talked
    FROM calls GROUP BY 1, 2`;
}

async function operatorsOf(prisma: PrismaClient, period: Period): Promise<OperatorFigures[]> {
  const { start, end } = instantRange(period);
  const rows = await prisma.$queryRaw<{ userId: string; username: string; displayName: string; callsTaken: number; casesRegistered: number; callsWithCase: number; talkSec: number; talked: number; handlingSec: number; handled: number }[]>`
    WITH taken AS (
      SELECT c."answeredById" AS "userId", count(*)::int AS "callsTaken",
        count(*) FILTER (WHERE c."caseId" IS NOT NULL)::int AS "callsWithCase",
        coalesce(sum(extract(epoch FROM c."endedAt" - c."answeredAt")), 0)::float8 AS "talkSec",
        count(c."endedAt")::int AS talked,
        coalesce(sum(extract(epoch FROM greatest(c."endedAt",
          CASE WHEN c."caseLinkedAt" <= c."endedAt" + make_interval(secs => ${AFTER_CALL_WORK_MAX_SEC}) THEN c."caseLinkedAt" END) - c."answeredAt"))
          FILTER (WHERE c."endedAt" IS NOT NULL), 0)::float8 AS "handlingSec",
        count(c."endedAt")::int AS handled
      FROM "Call" c
      WHERE c.direction = 'inbound' AND c."answeredById" IS NOT NULL AND c."startedAt" >= ${start} AND c."startedAt" < ${end}
      GROUP BY 1
    ), registered AS (
      SELECT k."registeredById" AS "userId", count(*)::int AS "casesRegistered"
      FROM "Case" k
      WHERE k."registeredAt" >= ${start} AND k."registeredAt" < ${end} AND k.status <> 'draft' AND k."registeredById" IS NOT NULL
      GROUP BY 1
    )
    SELECT u.id AS "userId", u.username, u."displayName",
      coalesce(t."callsTaken", 0) AS "callsTaken", coalesce(r."casesRegistered", 0) AS "casesRegistered", coalesce(t."callsWithCase", 0) AS "callsWithCase",
      coalesce(t."talkSec", 0) AS "talkSec", coalesce(t.talked, 0) AS talked, coalesce(t."handlingSec", 0) AS "handlingSec", coalesce(t.handled, 0) AS handled
    FROM "User" u
    LEFT JOIN taken t ON t."userId" = u.id
    LEFT JOIN registered r ON r."userId" = u.id
    WHERE t."userId" IS NOT NULL OR (r."userId" IS NOT NULL AND 'operator' = ANY(u.roles))
    ORDER BY 4 DESC, 5 DESC, u.username`;
  return rows.map((r) => ({
    userId: r.userId, username: r.username, displayName: r.displayName,
    callsTaken: r.callsTaken, casesRegistered: r.casesRegistered, callsWithCase: r.callsWithCase,
    avgTalkSec: meanSec(r.talkSec, r.talked), avgHandlingSec: meanSec(r.handlingSec, r.handled),
  }));
}

/** `GET /api/statistics/call-centre`. */
export async function computeCallCentre(prisma: PrismaClient, period: Period): Promise<CallCentreResult> {
  const [cells, operators] = await Promise.all([cellsOf(prisma, period), operatorsOf(prisma, period)]);
  const hours = Array.from({ length: 24 }, () => EMPTY);
  const days = new Map<IsoDate, CallSums>();
  let totals = EMPTY;
  for (const { date, hour, ...sums } of cells) {
    hours[hour] = add(hours[hour]!, sums);
    days.set(date, add(days.get(date) ?? EMPTY, sums));
    totals = add(totals, sums);
  }
  const dates = Array.from({ length: daysIn(period) }, (_, i) => addDays(period.from, i));
  return {
    from: period.from,
    to: period.to,
    totals: figuresOf(totals),
    byHour: hours.map((sums, hour) => ({ hour, ...figuresOf(sums) })),
    byDay: dates.map((date) => ({ date, ...figuresOf(days.get(date) ?? EMPTY) })),
    operators,
  };
}
