// How a case's state is told to the citizen, by SMS and on the phone alike: never who handles it
// or why, only where it stands.
import type { CaseStatus } from '../../rules/lifecycle/types';

export const CITIZEN_STATUS_TEXT: Record<CaseStatus, string> = {
  registered: '已受理，等待交办',
  dispatched: '已交办承办单位',
  returnRequested: '正在重新确定承办单位',
  arbitration: '正在重新确定承办单位',
  signed: '承办单位正在办理',
  subDispatched: '承办单位正在办理',
  resultSubmitted: '办理结果审核中',
  unitApproved: '办理结果审核中',
  callback: '正在回访',
  awaitingUnsatisfiedDecision: '已收到您的评价，正在研究处理',
  closed: '已办结',
  reReview: '复核中',
  archived: '已办结',
  answeredDirectly: '已直接答复',
  rejected: '不予受理（不属于热线受理范围）',
  merged: '重复诉求，已合并办理',
};

/** The satisfaction answers as the citizen wrote them. */
export const SATISFACTION_TEXT = { satisfied: '满意', basicallySatisfied: '基本满意', unsatisfied: '不满意' } as const;

/** The "resolved?" answer as the citizen gave it (null: the citizen did not say). */
export function resolvedText(resolved: boolean | null): string {
  if (resolved === null) return '未答复是否解决';
  return resolved ? '问题已解决' : '问题未解决';
}
