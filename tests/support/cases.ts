import { randomInt } from 'node:crypto';
import type { db, PrismaClient } from '../../prisma/client';
import type { Registration } from '../../workflows/petition/types';

/** A registration with a unique case number (digits only, as issued to citizens). */
export function sampleRegistration(overrides: Partial<Registration> = {}): Registration {
  const caseId = `2026112399${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  return {
    caseId,
    channel: 'phone',
    caseTypeCode: 'complaint',
    categoryId: 'cat-urban.street-vending',
    urgency: 'normal',
    title: '解放路夜市占道经营',
    content: '解放路与文化路交叉口每晚有摊贩占道经营，影响通行，希望处理。',
    citizenName: '市民甲',
    citizenPhone: '+8613900000000',
    address: '东湖区解放路与文化路交叉口',
    receivedAt: '2026-11-23T01:30:00.000Z',
    registeredBy: { id: 'user-operator', roles: ['operator'], unitId: 'hotline' },
    ...overrides,
  };
}

/**
 * A case row in the projection only (no workflow), led by `leadUnitId`: enough for routes
 * that read the projection and check who may see a case. Returns its number.
 */
export async function insertProjectedCase(prisma: PrismaClient, overrides: Partial<db.Prisma.CaseUncheckedCreateInput> = {}): Promise<string> {
  const { caseId, ...registration } = sampleRegistration();
  // The projection lists every unit with an assignment on the case; here, the lead unit's.
  const leadUnitId = overrides.leadUnitId === undefined ? 'donghu' : overrides.leadUnitId;
  const row = await prisma.case.create({
    data: {
      id: caseId, workflowId: caseId, channel: registration.channel, caseTypeCode: registration.caseTypeCode, categoryId: registration.categoryId,
      status: 'signed', title: registration.title, content: registration.content, citizenName: registration.citizenName, citizenPhone: registration.citizenPhone,
      leadUnitId, assignedUnitIds: leadUnitId ? [leadUnitId] : [], receivedAt: new Date(registration.receivedAt), registeredAt: new Date(registration.receivedAt), ...overrides,
    },
  });
  return row.id;
}
