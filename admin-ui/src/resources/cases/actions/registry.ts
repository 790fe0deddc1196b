// What can be done to a case from its page. Each role's feature contributes a list of actions
// (cases/actions/<role>Actions.tsx); the page shows those of the user's features whose command
// the API allows this user now (`allowedCommands`, asked of the case's workflow), so the console
// keeps no copy of who may do what in which state.
import type { ReactElement } from 'react';
import type { CommandName } from '../../../../../rules/lifecycle/commands';
import type { Role } from '../../../shell/access/roles';
import type { HotlineIdentity } from '../../../shell/providers/authProvider';
import type { CaseRecord } from '../types';

export interface CaseAction {
  key: string;
  /** The workflow command the action's dialog sends. */
  command: CommandName;
  /**
   * The roles whose console feature offers this dialog: a layout choice, not a rule (operators
   * answer and merge from the intake desk; a supervisor decides a return in a dialog of their own).
   */
  roles: readonly Role[];
  /**
   * The dialog; null when the case does not carry what it shows (a read racing a change) or the
   * request at hand is not this feature's (marked so by the workflow, e.g. an arbitration).
   */
  render: (record: CaseRecord, identity: HotlineIdentity) => ReactElement | null;
}

/** Whether the API allows the signed-in user this command on the case now. */
export const allows = (record: CaseRecord, command: CommandName): boolean => (record.allowedCommands ?? []).includes(command);

/** The user's unit's assignments on the case (handlers and leaders act through them). */
export const ownAssignments = (record: CaseRecord, identity: HotlineIdentity) =>
  (record.assignments ?? []).filter((assignment) => assignment.unitId === identity.unitId);
