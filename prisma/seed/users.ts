// One demo account per role (and a district handler to show unit scoping).
import type { Role } from '../generated/enums';

/** Printed by `npm start`; refused in production by the demo-secret check of the seed. */
export const DEMO_PASSWORD = 'Demo@12345';

export const DEMO_USERS: { id: string; username: string; displayName: string; roles: Role[]; unitId: string; phone?: string }[] = [
  { id: 'user-operator', username: 'operator', displayName: '王话务', roles: ['operator'], unitId: 'hotline' },
  { id: 'user-dispatcher', username: 'dispatcher', displayName: '李派单', roles: ['dispatcher'], unitId: 'hotline' },
  { id: 'user-handler', username: 'handler', displayName: '张承办（城管局）', roles: ['unitHandler'], unitId: 'chengguan', phone: '+8613800000001' },
  { id: 'user-leader', username: 'leader', displayName: '赵领导（城管局）', roles: ['unitLeader'], unitId: 'chengguan', phone: '+8613800000002' },
  { id: 'user-district-handler', username: 'donghu', displayName: '陈承办（东湖区）', roles: ['unitHandler'], unitId: 'donghu', phone: '+8613800000003' },
  { id: 'user-street-handler', username: 'jiefang', displayName: '刘承办（解放路街道）', roles: ['unitHandler'], unitId: 'donghu-jiefang', phone: '+8613800000004' },
  { id: 'user-supervisor', username: 'supervisor', displayName: '周督办', roles: ['supervisor'], unitId: 'hotline', phone: '+8613800000005' },
  { id: 'user-auditor', username: 'auditor', displayName: '吴审计', roles: ['auditor'], unitId: 'hotline' },
  { id: 'user-admin', username: 'admin', displayName: '系统管理员', roles: ['admin'], unitId: 'hotline' },
];
