// Who may read what (api/statistics/routes.ts and readerRoles.ts): the dashboard, indicators and
// assessment include unit leaders (their own subtree); hot spots, repeat complaints and the
// monthly report are the hotline office's only.
import type { Role } from '../../shell/access/roles';

export const STATISTICS_ROLES: readonly Role[] = ['supervisor', 'auditor', 'admin', 'dispatcher', 'unitLeader'];

export const OFFICE_STATISTICS_ROLES: readonly Role[] = ['dispatcher', 'supervisor', 'auditor', 'admin'];
