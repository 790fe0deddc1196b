import { randomInt } from 'node:crypto';
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
