// Every case action, in the order the case page shows them.
import { departmentActions } from './departmentActions';
import { dispatcherActions } from './dispatcherActions';
import type { CaseAction } from './registry';
import { supervisorActions } from './supervisorActions';

export { allows } from './registry';

export const caseActions: CaseAction[] = [...dispatcherActions, ...departmentActions, ...supervisorActions];
