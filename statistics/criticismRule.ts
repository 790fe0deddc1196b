// Seed 003's "催办两次仍未办结的予以通报批评" as the statistics show it: the rule setting
// `urge.criticismThreshold` the workflows apply (rules/lifecycle/criticism.ts) and the
// points each notice costs in the assessment scheme, so that readers of the criticism counts
// (the indicators answer, the dashboard, the monthly report) see the rule behind them.
import { readRuleSetting } from '../lib/ruleSettings';
import type { PrismaClient } from '../prisma/client';
import { assessmentRules } from './assessment';

export interface CriticismRule {
  /** Urges on one case a unit has not finished that bring a notice; 0: the rule is off. */
  threshold: number;
  /** Work-performance points each notice costs (assessment.scheme deductions.criticismCount). */
  deduction: number;
}

export async function loadCriticismRule(prisma: PrismaClient): Promise<CriticismRule> {
  const [threshold, { scheme }] = await Promise.all([readRuleSetting(prisma, 'urge.criticismThreshold'), assessmentRules(prisma)]);
  return { threshold, deduction: scheme.deductions.criticismCount };
}

/** The rule as one Chinese sentence, e.g. "通报批评：同一工单催办2次仍未办结的，予以通报批评；每次扣工作绩效2分。" */
export function criticismRuleText(rule: CriticismRule): string {
  if (rule.threshold === 0) return '通报批评：未启用（催办不引发通报批评）。';
  const deduction = rule.deduction > 0 ? `每次扣工作绩效${rule.deduction}分。` : '不扣分。';
  return `通报批评：同一工单催办${rule.threshold}次仍未办结的，予以通报批评；${deduction}`;
}
