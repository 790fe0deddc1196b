// The working time left on a case's running clock, as the console's lists show it.
import assert from 'node:assert/strict';
import { timeLeftOf } from '../../api/cases/timeLeft';
import { calendar2025to2026, shanghai } from '../support/calendar';

describe('time left on a case', () => {
  const calendar = calendar2025to2026();
  const at = (local: string) => new Date(shanghai(local));

  it('counts the sign-for clock while dispatched and the handling clock once signed', () => {
    const row = { signForDueAt: at('2026-11-24 23:59:59.999'), handleDueAt: at('2026-12-11 23:59:59.999') };
    assert.deepEqual(timeLeftOf({ ...row, status: 'dispatched' }, at('2026-11-23 10:00'), calendar), { clock: 'signFor', dueAt: row.signForDueAt, workingDays: 1 });
    assert.equal(timeLeftOf({ ...row, status: 'signed' }, at('2026-11-23 10:00'), calendar)?.clock, 'handle');
    assert.equal(timeLeftOf({ ...row, status: 'resultSubmitted' }, at('2026-11-23 10:00'), calendar), null);
    assert.equal(timeLeftOf({ ...row, status: 'closed' }, at('2026-11-23 10:00'), calendar), null);
  });

  it('skips the National Day holiday and counts the make-up Saturday when overdue', () => {
    // 2026: 1–7 October off, Saturday 10 October worked.
    const dueOct9 = { status: 'signed', signForDueAt: null, handleDueAt: at('2026-10-09 23:59:59.999') };
    assert.equal(timeLeftOf(dueOct9, at('2026-09-30 10:00'), calendar)?.workingDays, 2);
    assert.equal(timeLeftOf(dueOct9, at('2026-10-09 10:00'), calendar)?.workingDays, 0);
    const dueOct8 = { ...dueOct9, handleDueAt: at('2026-10-08 23:59:59.999') };
    assert.equal(timeLeftOf(dueOct8, at('2026-10-12 10:00'), calendar)?.workingDays, -3);
  });

  it('stands still while the case is suspended', () => {
    const suspended = { status: 'signed', signForDueAt: null, handleDueAt: at('2026-10-09 23:59:59.999'), suspendedAt: at('2026-09-30 10:00') };
    assert.equal(timeLeftOf(suspended, at('2026-10-12 10:00'), calendar)?.workingDays, 2, 'as on 09-30: 10-08 and 10-09 left');
    assert.equal(timeLeftOf({ ...suspended, suspendedAt: null }, at('2026-10-12 10:00'), calendar)?.workingDays, -2, 'running: overdue 10-10 (worked) and 10-12');
  });
});
