// Every case action, in the order the case page shows them.
import { departmentActions } from '../../../desks/department/caseActions';
import { dispatcherActions } from '../../../desks/dispatcher/caseActions';
import type { CaseAction } from './registry';
import { supervisorActions } from '../../../desks/supervisor/caseActions';

export { allows } from './registry';

export const caseActions: CaseAction[] = [...dispatcherActions, ...departmentActions, ...supervisorActions];
