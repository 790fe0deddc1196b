// The rule settings of hot spots and repeat complaints (prisma/seed/rules.ts, edited by admins
// through /api/rule-settings). A value the schema refuses (e.g. written straight into the
// database) falls back to the seeded default rather than failing the statistics.
import type { z } from 'zod';
import type { PrismaClient } from '../prisma/client';
import { DEFAULT_SETTINGS } from '../prisma/seed/rules';
import { SETTING_VALUE_SCHEMAS } from '../api/ruleSettings/schemas';

export interface HotspotSettings {
  /** How many months before the current one make its baseline (N). */
  baselineMonths: number;
  /** Flag when the count exceeds mean + sigmaFactor · sd (k). */
  sigmaFactor: number;
  /** …and is at least this many cases. */
  minCount: number;
  /** Side of a lat/long grid cell, in degrees. */
  gridDegrees: number;
}

export interface RepeatComplaintSettings {
  /** N cases or more… */
  minCases: number;
  /** …within this many days. */
  windowDays: number;
}

export const HOTSPOT_SETTING = 'hotspots.detection';
export const REPEAT_COMPLAINT_SETTING = 'repeatComplaints.detection';

async function readSetting<T>(prisma: PrismaClient, key: string): Promise<T> {
  const schema = SETTING_VALUE_SCHEMAS[key] as z.ZodType<T>;
  const stored = await prisma.ruleSetting.findUnique({ where: { key } });
  const parsed = schema.safeParse(stored?.value);
  if (parsed.success) return parsed.data;
  return DEFAULT_SETTINGS.find((setting) => setting.key === key)!.value as T;
}

export const hotspotSettings = (prisma: PrismaClient) => readSetting<HotspotSettings>(prisma, HOTSPOT_SETTING);
export const repeatComplaintSettings = (prisma: PrismaClient) => readSetting<RepeatComplaintSettings>(prisma, REPEAT_COMPLAINT_SETTING);
