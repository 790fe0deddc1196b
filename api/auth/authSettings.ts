// The sessions' and logins' rules, read from the rule settings (admins tune them) at each login
// and refresh; a missing or unreadable row falls back to the default (rules/settings.ts).
import { readRuleSettings } from '../../lib/ruleSettings';
import type { PrismaClient } from '../../prisma/client';
import { MAX_ACCESS_TTL_SECONDS, type RuleSettingValue } from '../../rules/settings';

export type LoginThrottleRule = RuleSettingValue<'login.throttle'>;

export interface AuthSettings {
  accessTtlSeconds: number;
  loginThrottle: LoginThrottleRule;
}

/** The rules in force; the token lifetime never above `ttlCeilingSeconds` (JWT_ACCESS_TTL_SECONDS) nor 3600. */
export async function readAuthSettings(prisma: Pick<PrismaClient, 'ruleSetting'>, ttlCeilingSeconds: number): Promise<AuthSettings> {
  const settings = await readRuleSettings(prisma, ['session.accessTtlSeconds', 'login.throttle']);
  return {
    accessTtlSeconds: Math.min(settings['session.accessTtlSeconds'], ttlCeilingSeconds, MAX_ACCESS_TTL_SECONDS),
    loginThrottle: settings['login.throttle'],
  };
}
