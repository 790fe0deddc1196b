// Every case action, in the order the case page shows them.
import type { CaseAction } from './registry';
import { supervisorActions } from './supervisorActions';

export const caseActions: CaseAction[] = [
  ...supervisorActions,
];
