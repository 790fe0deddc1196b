// The rule settings of hot spots and repeat complaints (rules/settings.ts, edited by admins
// through /api/rule-settings). A value the schema refuses (e.g. written straight into the
// database) falls back to the seeded default rather than failing the statistics.
import { readRuleSetting } from '../lib/ruleSettings';
import type { PrismaClient } from '../prisma/client';
import type { RuleSettingValue } from '../rules/settings';

export type HotspotSettings = RuleSettingValue<'hotspots.detection'>;
export type RepeatComplaintSettings = RuleSettingValue<'repeatComplaints.detection'>;

export const hotspotSettings = (prisma: PrismaClient): Promise<HotspotSettings> => readRuleSetting(prisma, 'hotspots.detection');
export const repeatComplaintSettings = (prisma: PrismaClient): Promise<RepeatComplaintSettings> => readRuleSetting(prisma, 'repeatComplaints.detection');
