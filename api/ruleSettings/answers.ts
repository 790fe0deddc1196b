// What /api/rule-settings answers: the stored row with the `id` react-admin wants (the key is
// one), whether the key is one the product reads (editable), and whether open cases read it.
import type { RuleSetting } from '../../prisma/generated/browser';
import { LIFECYCLE_SETTING_KEYS } from '../../rules/lifecycle/clocks';
import { isRuleSettingKey } from '../../rules/settings';

/** The settings the petition workflow reads: a change is signalled to open cases. */
export const SETTINGS_READ_BY_OPEN_CASES: ReadonlySet<string> = new Set(Object.values(LIFECYCLE_SETTING_KEYS));

export function presentRuleSetting(row: RuleSetting) {
  return { id: row.key, ...row, editable: isRuleSettingKey(row.key), readByOpenCases: SETTINGS_READ_BY_OPEN_CASES.has(row.key) };
}

export type RuleSettingAnswer = ReturnType<typeof presentRuleSetting>;
