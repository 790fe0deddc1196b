// Seat hours on the Shanghai wall clock: the start is in, the end is out, and 24:00 ends the
// span at midnight, so 00:00–24:00 staffs every minute of the day (none of it falls outside).
import assert from 'node:assert/strict';
import { withinSeatHours } from '../../api/twilio/voice/ivrSettings';
import { RULE_SETTINGS } from '../../rules/settings';

const at = (shanghaiClock: string) => new Date(`2026-12-04T${shanghaiClock}:00.000+08:00`);

describe('seat hours', () => {
  it('holds from the start up to, not including, the end', () => {
    const hours = { start: '08:00', end: '22:00' };
    assert.deepEqual(['07:59', '08:00', '21:59', '22:00', '23:30'].map((t) => withinSeatHours(at(t), hours)), [false, true, true, false, false]);
  });

  it('runs all day from 00:00 to 24:00, the last minute before midnight included', () => {
    const hours = { start: '00:00', end: '24:00' };
    assert.deepEqual(['00:00', '12:00', '23:59'].map((t) => withinSeatHours(at(t), hours)), [true, true, true]);
    assert.equal(RULE_SETTINGS['ivr.seatHours'].schema.safeParse({ ...hours, timeZone: 'Asia/Shanghai' }).success, true);
  });
});
