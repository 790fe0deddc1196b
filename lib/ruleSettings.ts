// Reads rule settings for the API, the worker and the statistics: each value as stored when it
// passes its key's schema (rules/settings.ts), else the default, so that a row missing or
// written wrong straight into the database never breaks a reader.
import type { PrismaClient } from '../prisma/client';
import { settingValue, type RuleSettingKey, type RuleSettingValue } from '../rules/settings';

type SettingsDb = Pick<PrismaClient, 'ruleSetting'>;

export async function readRuleSettings<K extends RuleSettingKey>(prisma: SettingsDb, keys: readonly K[]): Promise<{ [P in K]: RuleSettingValue<P> }> {
  const rows = await prisma.ruleSetting.findMany({ where: { key: { in: [...keys] } } });
  return Object.fromEntries(keys.map((key) => [key, settingValue(key, rows.find((row) => row.key === key)?.value)])) as { [P in K]: RuleSettingValue<P> };
}

export async function readRuleSetting<K extends RuleSettingKey>(prisma: SettingsDb, key: K): Promise<RuleSettingValue<K>> {
  const row = await prisma.ruleSetting.findUnique({ where: { key } });
  return settingValue(key, row?.value);
}
