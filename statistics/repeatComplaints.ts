// Repeat complaints (重复投诉): the same citizen — by phone number, in whichever form each case
// kept it — or the same place and category, N or more times within a window of W days (rule
// settings). Citizens are shown by their masked number only, as in the case list: the full
// identity stays behind the audited single-case read.
import type { PrismaClient } from '../prisma/client';
import { maskName, maskPhone } from '../lib/citizenIdentity';
import { DAY_MS, type IsoDate } from '../rules/shanghaiTime';
import { daysSpan } from './calendarMonths';
import { type RepeatComplaintSettings, repeatComplaintSettings } from './detectionSettings';
import { placeKey } from './placeKeys';

export type RepeatKind = 'citizen' | 'placeCategory';

export interface RepeatCase {
  id: string;
  receivedAt: Date;
  title: string;
  status: string;
  categoryName: string | null;
  leadUnitName: string | null;
  address: string | null;
  citizenName: string | null;
  citizenPhone: string | null;
  mergedIntoId: string | null;
}

export interface RepeatGroup {
  /** Stable within one answer only: "citizen-1", "placeCategory-3". */
  groupId: string;
  kind: RepeatKind;
  /** The masked number, or "place · category". */
  label: string;
  /** Cases of the group in the period. */
  caseCount: number;
  /** The most cases within any window of `windowDays`, and that window. */
  maxInWindow: number;
  windowStart: Date;
  windowEnd: Date;
  cases: RepeatCase[];
}

export interface RepeatComplaintReport {
  from: IsoDate;
  to: IsoDate;
  settings: RepeatComplaintSettings;
  /** Groups found; `groups` lists the first `limit` of them. */
  totalGroups: number;
  groups: RepeatGroup[];
}

/**
 * One key per citizen's number, its national form: "13912345678", "+86 139-1234-5678",
 * "8613912345678" and "0086 13912345678" are the same person, as are "0531-88881234" and
 * "+8653188881234" (every form lib/phoneNumbers.ts `phoneForms` lists). CITIZEN_KEY_SQL
 * computes the same key in PostgreSQL; a test holds the two together.
 */
export function citizenKey(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const national = /^(?:00)?86(\d{10,})$/.exec(digits)?.[1];
  if (national) return /^1[3-9]\d{9}$/.test(national) ? national : `0${national}`;
  return digits.startsWith('00') ? digits.slice(2) : digits;
}

const DIGITS_SQL = `regexp_replace("citizenPhone", '\\D', '', 'g')`;
const NATIONAL_SQL = `substring(${DIGITS_SQL} from '^(?:00)?86(\\d{10,})$')`;
export const CITIZEN_KEY_SQL = `CASE
  WHEN ${NATIONAL_SQL} IS NOT NULL THEN CASE WHEN ${NATIONAL_SQL} ~ '^1[3-9]\\d{9}$' THEN ${NATIONAL_SQL} ELSE '0' || ${NATIONAL_SQL} END
  WHEN ${DIGITS_SQL} LIKE '00%' THEN substring(${DIGITS_SQL} from 3)
  ELSE ${DIGITS_SQL} END`;

/** Cases listed per group; caseCount still counts them all. */
export const MAX_CASES_PER_GROUP = 200;

interface CaseRow extends Omit<RepeatCase, 'citizenName' | 'citizenPhone'> {
  citizenName: string | null;
  citizenPhone: string | null;
}

/** The densest window of `windowMs` in times sorted ascending: its size and bounds. */
export function densestWindow(times: number[], windowMs: number): { count: number; start: number; end: number } {
  let best = { count: 0, start: times[0] ?? 0, end: times[0] ?? 0 };
  let first = 0;
  for (let last = 0; last < times.length; last++) {
    while (times[last]! - times[first]! >= windowMs) first++;
    if (last - first + 1 > best.count) best = { count: last - first + 1, start: times[first]!, end: times[last]! };
  }
  return best;
}

function present(row: CaseRow): RepeatCase {
  return { ...row, citizenName: maskName(row.citizenName), citizenPhone: maskPhone(row.citizenPhone) };
}

export interface RepeatComplaintQuery {
  from: IsoDate;
  to: IsoDate;
  /** List only the first groups (the densest); their cases are the only ones read. */
  limit?: number;
  settings?: RepeatComplaintSettings;
}

/** A candidate group: its cases' ids and times, oldest first. */
interface Bucket {
  kind: RepeatKind;
  label: string;
  cases: { id: string; at: number }[];
}

interface KeyedCases {
  key: string;
  categoryId: string | null;
  categoryName: string | null;
  ids: string[];
  times: Date[];
}

/**
 * Phase one, in PostgreSQL: ids and times per citizen key and per (address, category). Only
 * these reach Node — the period's cases in full would not fit a year of a large city.
 */
async function keyedCases(prisma: PrismaClient, start: Date, end: Date, minCases: number): Promise<{ citizens: KeyedCases[]; addresses: KeyedCases[] }> {
  const inPeriod = `"receivedAt" >= $1 AND "receivedAt" <= $2`;
  const citizens = await prisma.$queryRawUnsafe<KeyedCases[]>(
    `SELECT key, NULL AS "categoryId", NULL AS "categoryName", array_agg(id ORDER BY "receivedAt", id) AS ids, array_agg("receivedAt" ORDER BY "receivedAt", id) AS times
       FROM (SELECT id, "receivedAt", ${CITIZEN_KEY_SQL} AS key FROM "Case" WHERE "citizenPhone" IS NOT NULL AND ${inPeriod}) s
      WHERE key <> '' GROUP BY key HAVING count(*) >= $3`,
    start,
    end,
    minCases,
  );
  // Grouped by the address as typed: placeKey() merges its forms afterwards, so no count here.
  const addresses = await prisma.$queryRawUnsafe<KeyedCases[]>(
    `SELECT s.address AS key, s."categoryId", cat.name AS "categoryName", s.ids, s.times
       FROM (SELECT address, "categoryId", array_agg(id ORDER BY "receivedAt", id) AS ids, array_agg("receivedAt" ORDER BY "receivedAt", id) AS times
               FROM "Case" WHERE address IS NOT NULL AND "categoryId" IS NOT NULL AND ${inPeriod} GROUP BY 1, 2) s
       JOIN "Category" cat ON cat.id = s."categoryId"`,
    start,
    end,
  );
  return { citizens, addresses };
}

function buckets(citizens: KeyedCases[], addresses: KeyedCases[]): Map<string, Bucket> {
  const result = new Map<string, Bucket>();
  const put = (key: string, kind: RepeatKind, label: string, keyed: KeyedCases) => {
    let bucket = result.get(key);
    if (!bucket) result.set(key, (bucket = { kind, label, cases: [] }));
    keyed.ids.forEach((id, i) => bucket.cases.push({ id, at: keyed.times[i]!.getTime() }));
  };
  for (const keyed of citizens) put(`citizen:${keyed.key}`, 'citizen', maskPhone(keyed.key)!, keyed);
  for (const keyed of addresses) {
    const place = placeKey(keyed.key);
    if (place) put(`place:${place}:${keyed.categoryId}`, 'placeCategory', `${place} · ${keyed.categoryName ?? keyed.categoryId}`, keyed);
  }
  for (const bucket of result.values()) bucket.cases.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  return result;
}

/** Phase two: the listed cases of the groups found, in one query. */
async function caseDetails(prisma: PrismaClient, ids: string[]): Promise<Map<string, CaseRow>> {
  if (ids.length === 0) return new Map();
  const rows = await prisma.$queryRaw<CaseRow[]>`
    SELECT c.id, c."receivedAt", c.title, c.status::text AS status, cat.name AS "categoryName", u.name AS "leadUnitName",
           c.address, c."citizenName", c."citizenPhone", c."mergedIntoId"
      FROM "Case" c LEFT JOIN "Category" cat ON cat.id = c."categoryId" LEFT JOIN "Unit" u ON u.id = c."leadUnitId"
     WHERE c.id = ANY(${ids}::text[])`;
  return new Map(rows.map((row) => [row.id, row]));
}

export async function computeRepeatComplaints(prisma: PrismaClient, query: RepeatComplaintQuery): Promise<RepeatComplaintReport> {
  const settings = query.settings ?? (await repeatComplaintSettings(prisma));
  const { start, end } = daysSpan(query.from, query.to);
  const { citizens, addresses } = await keyedCases(prisma, start, end, settings.minCases);

  const found: (Omit<RepeatGroup, 'cases'> & { caseIds: string[] })[] = [];
  for (const bucket of buckets(citizens, addresses).values()) {
    if (bucket.cases.length < settings.minCases) continue;
    const window = densestWindow(bucket.cases.map((item) => item.at), settings.windowDays * DAY_MS);
    if (window.count < settings.minCases) continue;
    found.push({
      groupId: '',
      kind: bucket.kind,
      label: bucket.label,
      caseCount: bucket.cases.length,
      maxInWindow: window.count,
      windowStart: new Date(window.start),
      windowEnd: new Date(window.end),
      caseIds: bucket.cases.slice(0, MAX_CASES_PER_GROUP).map((item) => item.id),
    });
  }
  found.sort((a, b) => b.maxInWindow - a.maxInWindow || b.caseCount - a.caseCount || a.windowStart.getTime() - b.windowStart.getTime() || a.label.localeCompare(b.label));
  const listed = query.limit === undefined ? found : found.slice(0, query.limit);
  const details = await caseDetails(prisma, [...new Set(listed.flatMap((group) => group.caseIds))]);
  const counters: Record<RepeatKind, number> = { citizen: 0, placeCategory: 0 };
  const groups = listed.map(({ caseIds, ...group }): RepeatGroup => ({
    ...group,
    groupId: `${group.kind}-${++counters[group.kind]}`,
    cases: caseIds.map((id) => present(details.get(id)!)),
  }));
  return { from: query.from, to: query.to, settings, totalGroups: found.length, groups };
}
