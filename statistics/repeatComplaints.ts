// Repeat complaints (重复投诉): the same citizen — by phone number, in whichever form each case
// kept it — or the same place and category, N or more times within a window of W days (rule
// settings). Citizens are shown by their masked number only, as in the case list: the full
// identity stays behind the audited single-case read.
import type { PrismaClient } from '../prisma/client';
import { dialableNumber } from '../telephony/phoneNumbers';
import { maskName, maskPhone } from '../api/auth/access';
import { DAY_MS, type IsoDate } from '../workflows/rules/shanghaiTime';
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
  groups: RepeatGroup[];
}

/**
 * One key per citizen's number: "13912345678", "+86 139-1234-5678" and "8613912345678" are
 * the same person (telephony/phoneNumbers.ts lists the forms a case may keep).
 */
export function citizenKey(phone: string): string {
  const compact = phone.replace(/[\s()-]/g, '');
  // The E.164 digits without their "+", as some imports keep them.
  if (/^86(?:1[3-9]\d{9}|[2-9]\d{8,10})$/.test(compact)) return `+${compact}`;
  return dialableNumber(compact);
}

interface CaseRow extends Omit<RepeatCase, 'citizenName' | 'citizenPhone'> {
  citizenName: string | null;
  citizenPhone: string | null;
  categoryId: string | null;
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
  const { categoryId: _categoryId, ...rest } = row;
  return { ...rest, citizenName: maskName(row.citizenName), citizenPhone: maskPhone(row.citizenPhone) };
}

export interface RepeatComplaintQuery {
  from: IsoDate;
  to: IsoDate;
  settings?: RepeatComplaintSettings;
}

export async function computeRepeatComplaints(prisma: PrismaClient, query: RepeatComplaintQuery): Promise<RepeatComplaintReport> {
  const settings = query.settings ?? (await repeatComplaintSettings(prisma));
  const { start, end } = daysSpan(query.from, query.to);
  const rows = await prisma.$queryRaw<CaseRow[]>`
    SELECT c.id, c."receivedAt", c.title, c.status::text AS status, c."categoryId", cat.name AS "categoryName", u.name AS "leadUnitName",
           c.address, c."citizenName", c."citizenPhone", c."mergedIntoId"
      FROM "Case" c LEFT JOIN "Category" cat ON cat.id = c."categoryId" LEFT JOIN "Unit" u ON u.id = c."leadUnitId"
     WHERE c."receivedAt" >= ${start} AND c."receivedAt" <= ${end} AND (c."citizenPhone" IS NOT NULL OR (c.address IS NOT NULL AND c."categoryId" IS NOT NULL))
     ORDER BY c."receivedAt", c.id`;

  const buckets = new Map<string, { kind: RepeatKind; label: string; rows: CaseRow[] }>();
  const put = (key: string, kind: RepeatKind, label: string, row: CaseRow) => {
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = { kind, label, rows: [] }));
    bucket.rows.push(row);
  };
  for (const row of rows) {
    if (row.citizenPhone) {
      const citizen = citizenKey(row.citizenPhone);
      put(`citizen:${citizen}`, 'citizen', maskPhone(citizen)!, row);
    }
    const place = placeKey(row.address);
    if (place && row.categoryId) put(`place:${place}:${row.categoryId}`, 'placeCategory', `${place} · ${row.categoryName ?? row.categoryId}`, row);
  }

  const groups: RepeatGroup[] = [];
  for (const bucket of buckets.values()) {
    if (bucket.rows.length < settings.minCases) continue;
    const window = densestWindow(bucket.rows.map((row) => row.receivedAt.getTime()), settings.windowDays * DAY_MS);
    if (window.count < settings.minCases) continue;
    groups.push({
      groupId: '',
      kind: bucket.kind,
      label: bucket.label,
      caseCount: bucket.rows.length,
      maxInWindow: window.count,
      windowStart: new Date(window.start),
      windowEnd: new Date(window.end),
      cases: bucket.rows.map(present),
    });
  }
  groups.sort((a, b) => b.maxInWindow - a.maxInWindow || b.caseCount - a.caseCount || a.windowStart.getTime() - b.windowStart.getTime() || a.label.localeCompare(b.label));
  const counters: Record<RepeatKind, number> = { citizen: 0, placeCategory: 0 };
  for (const group of groups) group.groupId = `${group.kind}-${++counters[group.kind]}`;
  return { from: query.from, to: query.to, settings, groups };
}
