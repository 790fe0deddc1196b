// When a poll may place calls: a span of Shanghai wall-clock time each day. Pure arithmetic on
// a fixed UTC+8 offset (rules/shanghaiTime.ts), so the workflow can use it.
import { DAY_MS, shanghaiDate, startOfShanghaiDay } from '../../rules/shanghaiTime';

export interface CallingHours {
  /** HH:mm */
  start: string;
  /** HH:mm, or 24:00 for the end of the day. */
  end: string;
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** Whether calls may be placed at `now` (epoch ms), and the instant that changes. */
export function callingWindow(now: number, hours: CallingHours): { open: boolean; changesAt: number } {
  const dayStart = startOfShanghaiDay(shanghaiDate(now));
  const opens = dayStart + minutesOf(hours.start) * 60_000;
  const closes = dayStart + minutesOf(hours.end) * 60_000;
  if (now < opens) return { open: false, changesAt: opens };
  if (now < closes) return { open: true, changesAt: closes };
  return { open: false, changesAt: opens + DAY_MS };
}
