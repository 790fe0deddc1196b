// The pure lifecycle with the seeded policies and the real calendar, for rule tests.
import { DEFAULT_POLICIES } from '../../prisma/seed/rules';
import { DEFAULT_SETTINGS, type RuleContext } from '../../rules/lifecycle/clocks';
import { applyEvents, stampEvents } from '../../rules/lifecycle/apply';
import type { CommandName } from '../../rules/lifecycle/commands';
import { decide } from '../../rules/lifecycle/decide';
import { initialState } from '../../rules/lifecycle/evolve';
import { withReplyClocks } from '../../rules/lifecycle/supervision';
import { nextWakeAt, timerEvents } from '../../rules/lifecycle/timers';
import type { Actor, PetitionEvent, PetitionState, Role } from '../../rules/lifecycle/types';
import { resolveClockPolicies, type PolicyRow } from '../../rules/policies';
import { calendar2025to2026 } from './calendar';

export const seededPolicyRows: PolicyRow[] = DEFAULT_POLICIES.map((p) => ({
  id: p.id, clock: p.clock, caseTypeCode: p.caseTypeCode ?? null, categoryId: null, urgency: p.urgency ?? null, dispatchMode: p.dispatchMode ?? null,
  amount: p.amount, unit: p.unit, warnAmount: p.warnAmount ?? null, warnUnit: p.warnUnit ?? null, warnRatio: p.warnRatio === undefined ? null : Number(p.warnRatio),
}));

const calendar = calendar2025to2026();

export function contextAt(now: number, caseTypeCode = 'complaint', urgency = 'normal'): RuleContext {
  const profile = { caseTypeCode, categoryLineage: ['cat-urban', 'cat-urban.street-vending'], urgency };
  return {
    now,
    calendar,
    policies: resolveClockPolicies(seededPolicyRows, profile),
    modePolicies: {
      phone: resolveClockPolicies(seededPolicyRows, { ...profile, dispatchMode: 'phone' }),
      written: resolveClockPolicies(seededPolicyRows, { ...profile, dispatchMode: 'written' }),
    },
    settings: DEFAULT_SETTINGS,
  };
}

export const actors = {
  operator: { id: 'user-operator', roles: ['operator'], unitId: 'hotline' },
  dispatcher: { id: 'user-dispatcher', roles: ['dispatcher'], unitId: 'hotline' },
  supervisor: { id: 'user-supervisor', roles: ['supervisor'], unitId: 'hotline' },
  auditor: { id: 'user-auditor', roles: ['auditor'], unitId: 'hotline' },
  admin: { id: 'user-admin', roles: ['admin'], unitId: 'hotline' },
  citizen: { id: 'citizen', roles: ['citizen'], unitId: null },
  leadHandler: { id: 'user-handler', roles: ['unitHandler'], unitId: 'chengguan' },
  leadLeader: { id: 'user-leader', roles: ['unitLeader'], unitId: 'chengguan' },
  assistHandler: { id: 'user-zhujian', roles: ['unitHandler'], unitId: 'zhujian' },
  assist2Handler: { id: 'user-shichang', roles: ['unitHandler'], unitId: 'shichang' },
  otherUnitHandler: { id: 'user-donghu', roles: ['unitHandler'], unitId: 'donghu' },
  subUnitHandler: { id: 'user-cg-donghu', roles: ['unitHandler'], unitId: 'chengguan-donghu' },
} satisfies Record<string, Actor & { roles: Role[] }>;

export function registeredCase(caseId = '2026021300001', at = Date.parse('2026-02-13T02:00:00Z')): PetitionState {
  return { ...initialState(caseId, { caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', categoryLineage: ['cat-urban', 'cat-urban.street-vending'], urgency: 'normal', channel: 'phone' }, at, at), seq: 1 };
}

/** A case moving through commands and time, keeping every event. */
export class CaseRun {
  events: PetitionEvent[] = [];
  /** What the workflow adds to the context (e.g. `legacySubDispatch` for a case started before its patch). */
  context: Partial<RuleContext> = {};
  constructor(public state: PetitionState, public now: number) {}

  do(command: CommandName, input: unknown, actor: Actor): this {
    const ctx = { ...contextAt(this.now), ...this.context };
    const decision = decide(this.state, command, input, actor, ctx);
    // As the workflow does behind the patch supervision-reply: notices get their reply clocks.
    const events = stampEvents(this.state, withReplyClocks(decision.events, ctx), actor, this.now, decision.reason);
    this.events.push(...events);
    this.state = applyEvents(this.state, events);
    return this;
  }

  /** Moves time forward, firing every alarm on the way, like the workflow's timers. */
  advanceTo(instant: number): this {
    for (;;) {
      const alarm = nextWakeAt(this.state, this.state.clocks);
      this.now = Math.max(this.now, alarm === null ? instant : Math.min(instant, alarm));
      const data = timerEvents(this.state, contextAt(this.now));
      if (alarm !== null && alarm <= this.now && data.length === 0) throw new Error(`an alarm at ${new Date(alarm).toISOString()} produced no event`);
      if (data.length > 0) {
        const events = stampEvents(this.state, withReplyClocks(data, contextAt(this.now)), { id: 'system', roles: ['system'], unitId: null }, this.now, null);
        this.events.push(...events);
        this.state = applyEvents(this.state, events);
      }
      if (this.now >= instant) return this;
    }
  }
}

export const SAMPLE_RESULT = { actionsTaken: '已处理', replyToCitizen: '已处理', handlerName: '张三', citizenContacted: true };
export const SAMPLE_DISPATCH = { leadUnitId: 'chengguan', assistUnitIds: ['zhujian'] };

/** The first supervision notice of the case in this status, else its first (a made-up id when it has none). */
const notice = (state: PetitionState | undefined, status: 'awaitingReply' | 'answered'): string =>
  (state?.supervisionNotices?.find((n) => n.status === status) ?? state?.supervisionNotices?.[0])?.id ?? 'no-such-notice';

/**
 * A valid input of each command, at `now` (contact time, new deadline) and for `state` (the
 * clock to move is one that runs, else the handling clock).
 */
export function sampleCommandInputs(now: number, state?: PetitionState): Record<CommandName, unknown> {
  return {
    answerDirectly: { answer: '请到派出所办理。' },
    reject: { reasonCode: 'outOfScope', reason: '不属热线受理范围' },
    merge: { intoCaseId: '2026010100001' },
    dispatch: SAMPLE_DISPATCH,
    signFor: {},
    subDispatch: { subUnitId: 'chengguan-donghu' },
    reviewSubResult: { accept: true },
    requestReturn: { reason: '不属本单位' },
    decideReturn: { approve: false, reason: '驳回' },
    requestExtension: { workingDays: 2, reason: '需勘验' },
    decideExtension: { approve: true, reason: '同意' },
    submitAssistOpinion: { opinion: '协办意见' },
    submitResult: SAMPLE_RESULT,
    unitApprove: {},
    review: { accept: true },
    recordContact: { means: 'phone', contactedAt: new Date(now).toISOString() },
    // The lead unit's handler, by id (who may name them is the table's business).
    assignHandler: { handlerId: 'user-handler' },
    reclassify: { caseTypeCode: 'report', categoryId: 'cat-urban.street-vending', urgency: 'normal', reason: '经核实属举报' },
    suspend: { reasonKind: 'citizenMaterials', reason: '等待市民补充材料', workingDays: 3 },
    resume: { reason: '材料已补齐' },
    forwardForInformation: { unitIds: ['gongan'], note: '请知悉' },
    markForwardRead: {},
    attachLeaderInstruction: { leaderName: '王市长', leaderTitle: '副市长', instruction: '请尽快妥善处理并报结果。' },
    urge: { reason: '请加快' },
    supervise: { content: '督办通知' },
    answerSupervision: { noticeId: notice(state, 'awaitingReply'), reply: '已约谈摊主，本周内整改到位' },
    evaluateSupervisionAnswer: { noticeId: notice(state, 'answered'), accepted: true },
    overrideDeadline: { clockKey: state?.clocks[0]?.key ?? 'handle', dueAt: new Date(now + 86_400_000).toISOString(), reason: '领导交办' },
    recordCallback: { outcome: 'reached', satisfaction: 'satisfied' },
    close: { explanation: '已向市民解释' },
    decideUnsatisfied: { decision: 'rehandle', reason: '市民反映问题仍未解决，重新交办' },
    requestReReview: { reason: '问题未解决' },
    decideReReview: { reopen: false, reason: '维持' },
  };
}
