// 响应率 (response rate), the first of Beijing 接诉即办's 三率: how soon the lead unit first
// reaches the citizen after the case is dispatched to it. The window is the rule setting
// `response.withinHours`, counted in calendar hours (the citizen waits around the clock, and
// 接诉即办 states the window in hours after dispatch); docs/statistics.md has the formula.
import { Prisma } from '../prisma/generated/client';
import { RULE_SETTINGS, type RuleSettingKey } from '../rules/settings';

export const RESPONSE_WINDOW_SETTING = 'response.withinHours' satisfies RuleSettingKey;
/** The default window: first contact within 24 hours of dispatch. */
export const DEFAULT_RESPONSE_WINDOW_HOURS = RULE_SETTINGS[RESPONSE_WINDOW_SETTING].default;

/** The window as a SQL interval, read from the setting when the query runs (the seed's value when it is missing). */
export const responseWindowSql = Prisma.sql`(COALESCE((SELECT (value #>> '{}')::numeric FROM "RuleSetting" WHERE key = ${RESPONSE_WINDOW_SETTING}), ${DEFAULT_RESPONSE_WINDOW_HOURS}) * interval '1 hour')`;
