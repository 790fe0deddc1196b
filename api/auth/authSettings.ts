// The sessions' and logins' rules, read from the rule settings (admins tune them) at each login
// and refresh, checked with the settings API's schemas; a missing or unreadable row falls back to
// the seeded default.
import type { z } from 'zod';
import { SETTING_VALUE_SCHEMAS } from '../ruleSettings/schemas';
import type { PrismaClient } from '../../prisma/client';
import { MAX_ACCESS_TTL_SECONDS } from './tokens';

export interface LoginThrottleRule {
  perAddress: number;
  perUsername: number;
  perUsernameAndAddress: number;
  windowMinutes: number;
}

export interface AuthSettings {
  accessTtlSeconds: number;
  loginThrottle: LoginThrottleRule;
}

export const AUTH_SETTING_DEFAULTS: AuthSettings = {
  accessTtlSeconds: 900,
  loginThrottle: { perAddress: 50, perUsername: 10, perUsernameAndAddress: 3, windowMinutes: 15 },
};

const KEYS = { accessTtlSeconds: 'session.accessTtlSeconds', loginThrottle: 'login.throttle' } as const;

/** The rules in force; the token lifetime never above `ttlCeilingSeconds` (JWT_ACCESS_TTL_SECONDS) nor 3600. */
export async function readAuthSettings(prisma: Pick<PrismaClient, 'ruleSetting'>, ttlCeilingSeconds: number): Promise<AuthSettings> {
  const rows = await prisma.ruleSetting.findMany({ where: { key: { in: Object.values(KEYS) } } });
  const value = <K extends keyof AuthSettings>(name: K): AuthSettings[K] => {
    const row = rows.find((r) => r.key === KEYS[name]);
    const parsed = row ? (SETTING_VALUE_SCHEMAS[KEYS[name]] as z.ZodType).safeParse(row.value) : null;
    return parsed?.success ? (parsed.data as AuthSettings[K]) : AUTH_SETTING_DEFAULTS[name];
  };
  return {
    accessTtlSeconds: Math.min(value('accessTtlSeconds'), ttlCeilingSeconds, MAX_ACCESS_TTL_SECONDS),
    loginThrottle: value('loginThrottle'),
  };
}
