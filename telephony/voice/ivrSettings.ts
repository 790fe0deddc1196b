// The IVR's business rules, read from the rule settings (admins tune them) on every call and
// checked with the same schemas the settings API uses; a missing or unreadable row falls back
// to the seeded default.
import type { z } from 'zod';
import { SETTING_VALUE_SCHEMAS } from '../../api/ruleSettings/schemas';
import type { PrismaClient } from '../../prisma/client';
import { formatShanghaiMinute } from '../../rules/shanghaiTime';

export interface SeatHours {
  start: string;
  end: string;
}

export interface IvrSettings {
  seatHours: SeatHours;
  maxQueueLength: number;
  voiceCaseTypeCode: string;
}

const DEFAULTS: IvrSettings = { seatHours: { start: '08:00', end: '22:00' }, maxQueueLength: 10, voiceCaseTypeCode: 'complaint' };

const KEYS = { seatHours: 'ivr.seatHours', maxQueueLength: 'ivr.maxQueueLength', voiceCaseTypeCode: 'ivr.voiceCaseTypeCode' } as const;

export async function readIvrSettings(prisma: Pick<PrismaClient, 'ruleSetting'>): Promise<IvrSettings> {
  const rows = await prisma.ruleSetting.findMany({ where: { key: { in: Object.values(KEYS) } } });
  const value = <K extends keyof IvrSettings>(name: K): IvrSettings[K] => {
    const row = rows.find((r) => r.key === KEYS[name]);
    const parsed = row ? (SETTING_VALUE_SCHEMAS[KEYS[name]] as z.ZodType).safeParse(row.value) : null;
    return parsed?.success ? (parsed.data as IvrSettings[K]) : DEFAULTS[name];
  };
  return { seatHours: value('seatHours'), maxQueueLength: value('maxQueueLength'), voiceCaseTypeCode: value('voiceCaseTypeCode') };
}

/** Whether operators are on their seats at `now` (Asia/Shanghai wall clock, end exclusive). */
export function withinSeatHours(now: Date, hours: SeatHours): boolean {
  const clock = formatShanghaiMinute(now.getTime()).slice(11);
  return clock >= hours.start && clock < hours.end;
}
