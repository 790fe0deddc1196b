// Who reads the hotline's statistics: the hotline office's roles. Units (handlers, leaders) are
// refused — the figures rank them and name other units' cases — and operators have no need.
import type { Role } from '../auth/tokens';

export const STATISTICS_READER_ROLES: Role[] = ['dispatcher', 'supervisor', 'auditor', 'admin'];
