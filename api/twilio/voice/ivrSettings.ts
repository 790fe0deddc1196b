// The IVR's business rules, read from the rule settings (admins tune them) on every call and
// checked with the same schemas the settings API uses (rules/settings.ts); a missing or
// unreadable row falls back to the default.
import { readRuleSettings } from '../../../lib/ruleSettings';
import type { PrismaClient } from '../../../prisma/client';
import { formatShanghaiMinute } from '../../../rules/shanghaiTime';

export interface SeatHours {
  start: string;
  end: string;
}

export interface IvrSettings {
  seatHours: SeatHours;
  maxQueueLength: number;
  voiceCaseTypeCode: string;
  knowledgePlaybackCount: number;
}

export async function readIvrSettings(prisma: Pick<PrismaClient, 'ruleSetting'>): Promise<IvrSettings> {
  const settings = await readRuleSettings(prisma, ['ivr.seatHours', 'ivr.maxQueueLength', 'ivr.voiceCaseTypeCode', 'ivr.knowledgePlaybackCount']);
  return {
    seatHours: settings['ivr.seatHours'],
    maxQueueLength: settings['ivr.maxQueueLength'],
    voiceCaseTypeCode: settings['ivr.voiceCaseTypeCode'],
    knowledgePlaybackCount: settings['ivr.knowledgePlaybackCount'],
  };
}

/** Whether operators are on their seats at `now` (Asia/Shanghai wall clock, end exclusive). */
export function withinSeatHours(now: Date, hours: SeatHours): boolean {
  const clock = formatShanghaiMinute(now.getTime()).slice(11);
  return clock >= hours.start && clock < hours.end;
}
