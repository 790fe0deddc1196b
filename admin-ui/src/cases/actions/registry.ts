// What can be done to a case from its page. Each role's feature contributes a list of actions
// (cases/actions/<role>Actions.tsx); the page shows those whose roles and condition match.
import type { ReactElement } from 'react';
import type { Role } from '../../access/roles';
import type { HotlineIdentity } from '../../providers/authProvider';
import type { CaseRecord } from '../types';

export interface CaseAction {
  key: string;
  roles: readonly Role[];
  /** Whether the action applies to the case now, for this user (the workflow decides in the end). */
  when: (record: CaseRecord, identity: HotlineIdentity) => boolean;
  render: (record: CaseRecord, identity: HotlineIdentity) => ReactElement;
}

/** The user's unit's assignments on the case (handlers and leaders act through them). */
export const ownAssignments = (record: CaseRecord, identity: HotlineIdentity) =>
  (record.assignments ?? []).filter((assignment) => assignment.unitId === identity.unitId);
