// The units' desk: the handler's and the leader's queues and their case actions (sign for,
// return, extend, sub-dispatch, submit and approve the result).
import type { Feature } from '../../feature';
import { departmentActions } from './caseActions';
import { HandlerHome, LeaderHome } from './DepartmentHome';

export const departmentDesk: Feature = {
  homes: { unitHandler: HandlerHome, unitLeader: LeaderHome },
  caseActions: departmentActions,
};
