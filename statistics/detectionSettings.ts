// The rule settings of hot spots and repeat complaints (rules/settings.ts, edited by admins
// through /api/rule-settings). A value the schema refuses (e.g. written straight into the
// database) falls back to the seeded default rather than failing the statistics.
import { readRuleSetting } from '../lib/ruleSettings';
import type { PrismaClient } from '../prisma/client';

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

export const hotspotSettings = (prisma: PrismaClient): Promise<HotspotSettings> => readRuleSetting(prisma, 'hotspots.detection');
export const repeatComplaintSettings = (prisma: PrismaClient): Promise<RepeatComplaintSettings> => readRuleSetting(prisma, 'repeatComplaints.detection');
