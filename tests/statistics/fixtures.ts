// Hand-made cases for the statistics tests: projection rows only (no workflows), received in
// months long past so that no other test's cases fall into their periods.
import { randomInt } from 'node:crypto';
import type { db, PrismaClient } from '../../prisma/client';

export interface FixtureCase {
  /** Shanghai wall-clock "yyyy-MM-dd" or "yyyy-MM-ddTHH:mm"; stored as the instant. */
  receivedAt: string;
  categoryId?: string;
  address?: string | null;
  citizenPhone?: string | null;
  latitude?: number;
  longitude?: number;
  title?: string;
}

export function shanghaiInstant(wallClock: string): Date {
  return new Date(`${wallClock.length === 10 ? `${wallClock}T10:00` : wallClock}:00.000+08:00`);
}

/** Inserts the cases and returns their ids (digits, unique for this run). */
export async function insertFixtureCases(prisma: PrismaClient, cases: FixtureCase[]): Promise<string[]> {
  const prefix = `19${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  const rows: db.Prisma.CaseCreateManyInput[] = cases.map((item, index) => {
    const id = `${prefix}${String(index).padStart(5, '0')}`;
    const receivedAt = shanghaiInstant(item.receivedAt);
    return {
      id, workflowId: id, channel: 'phone', caseTypeCode: 'complaint', categoryId: item.categoryId ?? 'cat-urban.street-vending', status: 'closed',
      title: item.title ?? '市民反映问题', content: '统计测试用例', citizenPhone: item.citizenPhone ?? null, citizenName: item.citizenPhone ? '王小明' : null,
      address: item.address ?? null, latitude: item.latitude, longitude: item.longitude, leadUnitId: 'donghu', receivedAt, registeredAt: receivedAt,
    };
  });
  await prisma.case.createMany({ data: rows });
  return rows.map((row) => row.id);
}

/** `count` cases of one kind spread over the month's days. */
export function casesInMonth(month: string, count: number, item: Omit<FixtureCase, 'receivedAt'>): FixtureCase[] {
  return Array.from({ length: count }, (_, i) => ({ ...item, receivedAt: `${month}-${String(1 + (i % 28)).padStart(2, '0')}` }));
}
