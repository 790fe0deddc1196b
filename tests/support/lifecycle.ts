// The pure lifecycle with the seeded policies and the real calendar, for rule tests.
import { DEFAULT_POLICIES } from '../../prisma/seed/rules';
import { DEFAULT_SETTINGS, nextAlarmAt, type RuleContext } from '../../rules/lifecycle/clocks';
import { applyEvents, stampEvents } from '../../rules/lifecycle/apply';
import type { CommandName } from '../../rules/lifecycle/commands';
import { decide } from '../../rules/lifecycle/decide';
import { initialState } from '../../rules/lifecycle/evolve';
import { timerEvents } from '../../rules/lifecycle/timers';
import type { Actor, PetitionEvent, PetitionState, Role } from '../../rules/lifecycle/types';
import { resolveClockPolicies, type PolicyRow } from '../../rules/policies';
import { calendar2025to2026 } from './calendar';

export const seededPolicyRows: PolicyRow[] = DEFAULT_POLICIES.map((p) => ({
  id: p.id, clock: p.clock, caseTypeCode: p.caseTypeCode ?? null, categoryId: null, urgency: p.urgency ?? null,
  amount: p.amount, unit: p.unit, warnAmount: p.warnAmount ?? null, warnUnit: p.warnUnit ?? null, warnRatio: p.warnRatio === undefined ? null : Number(p.warnRatio),
}));

const calendar = calendar2025to2026();

export function contextAt(now: number, caseTypeCode = 'complaint', urgency = 'normal'): RuleContext {
  return {
    now,
    calendar,
    policies: resolveClockPolicies(seededPolicyRows, { caseTypeCode, categoryLineage: ['cat-urban', 'cat-urban.street-vending'], urgency }),
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
  constructor(public state: PetitionState, public now: number) {}

  do(command: CommandName, input: unknown, actor: Actor): this {
    const decision = decide(this.state, command, input, actor, contextAt(this.now));
    const events = stampEvents(this.state, decision.events, actor, this.now, decision.reason);
    this.events.push(...events);
    this.state = applyEvents(this.state, events);
    return this;
  }

  /** Moves time forward, firing every alarm on the way, like the workflow's timers. */
  advanceTo(instant: number): this {
    for (;;) {
      const alarm = nextAlarmAt(this.state.clocks);
      this.now = Math.max(this.now, alarm === null ? instant : Math.min(instant, alarm));
      const data = timerEvents(this.state, { now: this.now });
      if (alarm !== null && alarm <= this.now && data.length === 0) throw new Error(`an alarm at ${new Date(alarm).toISOString()} produced no event`);
      if (data.length > 0) {
        const events = stampEvents(this.state, data, { id: 'system', roles: ['system'], unitId: null }, this.now, null);
        this.events.push(...events);
        this.state = applyEvents(this.state, events);
      }
      if (this.now >= instant) return this;
    }
  }
}
