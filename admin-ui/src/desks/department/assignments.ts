// Which part the user's unit has in a case, read from the case's assignments: the assignment a
// dialog acts through or shows. Whether the action is possible is the API's answer
// (`allowedCommands`), not read from here.
import { ownAssignments } from '../../resources/cases/actions/registry';
import type { CaseAssignment, CaseRecord } from '../../resources/cases/types';
import type { HotlineIdentity } from '../../shell/providers/authProvider';

/** Parts ended by a return, a re-dispatch or completion take no more commands. */
const CLOSED = new Set(['returned', 'withdrawn', 'completed']);

/** The user's unit's open assignments in the given roles, latest round first. */
export const openOwnAssignments = (record: CaseRecord, identity: HotlineIdentity, roles: CaseAssignment['role'][]): CaseAssignment[] =>
  ownAssignments(record, identity)
    .filter((assignment) => roles.includes(assignment.role) && !CLOSED.has(assignment.status))
    .sort((a, b) => b.round - a.round);

/** The user's unit's open assignment of one role, if any. */
export const openOwnAssignment = (record: CaseRecord, identity: HotlineIdentity, role: CaseAssignment['role']): CaseAssignment | undefined =>
  openOwnAssignments(record, identity, [role])[0];

/** The assignment of the user's unit still waiting for its signature. */
export const assignmentToSignFor = (record: CaseRecord, identity: HotlineIdentity): CaseAssignment | undefined =>
  openOwnAssignments(record, identity, ['lead', 'assist', 'sub']).find((assignment) => assignment.status === 'dispatched');

/** The user's unit's open lead or sub-assignment: the one that passes the case down and reviews what comes back. */
const handlingAssignment = (record: CaseRecord, identity: HotlineIdentity): CaseAssignment | undefined =>
  openOwnAssignments(record, identity, ['lead', 'sub'])[0];

/** The sub-units' assignments below the user's unit whose result waits for its review. */
export const subResultsToReview = (record: CaseRecord, identity: HotlineIdentity): CaseAssignment[] => {
  const own = handlingAssignment(record, identity);
  if (!own) return [];
  return (record.assignments ?? []).filter((assignment) => assignment.role === 'sub' && assignment.parentAssignmentId === own.id && assignment.status === 'resultSubmitted');
};

/** The latest result of an assignment (a sub-unit's result for its lead to review). */
export const latestResultOf = (record: CaseRecord, assignmentId: string | undefined) =>
  (record.results ?? []).filter((result) => assignmentId === undefined || result.assignmentId === assignmentId).at(-1);
