// Who sees the stuck-cases screen and who retries (the API's STUCK_CASE_READERS / RETRIERS).
import type { Role } from '../../shell/access/roles';

export const STUCK_CASE_READERS: readonly Role[] = ['admin', 'supervisor', 'auditor'];
export const STUCK_CASE_RETRIERS: readonly Role[] = ['admin'];
