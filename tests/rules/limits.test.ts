// Deadline arithmetic over the real 2026 calendar (Spring Festival, Mid-Autumn and National
// Day with their 调休 weekend working days). Expected dates are counted by hand in comments.
import assert from 'node:assert/strict';
import { deadlineFrom, extendDeadline, warningLevel, workingDaysBetween, workingDaysLeft, yellowAt, type TimeLimit } from '../../rules/limits';
import { addDays, endOfShanghaiDay, shanghaiDate } from '../../rules/shanghaiTime';
import { calendarYearFromChineseDays } from '../../lib/calendarYears';
import { compactCalendar, isCovered, isWorkingDay, sliceCalendar, type WorkingCalendar } from '../../rules/workingCalendar';
import { calendar2025to2026, shanghai } from '../support/calendar';

const calendar = calendar2025to2026();
const wd = (amount: number): TimeLimit => ({ amount, unit: 'workingDays' });
const due = (start: number, limit: TimeLimit) => deadlineFrom(start, limit, calendar);
const dueDay = (start: number, limit: TimeLimit) => shanghaiDate(due(start, limit).dueAt);

describe('working-day calendar', () => {
  it('knows 2026 holidays and 调休 working days', () => {
    for (const day of ['2026-02-14', '2026-02-28', '2026-09-20', '2026-10-10', '2026-01-04']) assert.equal(isWorkingDay(calendar, day), true, day);
    for (const day of ['2026-02-16', '2026-02-23', '2026-10-01', '2026-10-07', '2026-09-25', '2026-01-02']) assert.equal(isWorkingDay(calendar, day), false, day);
    assert.equal(isWorkingDay(calendar, '2026-11-23'), true);
    assert.equal(isWorkingDay(calendar, '2026-11-22'), false);
  });

  it('is compact: only days that break the Monday–Friday rule are listed', () => {
    assert.equal(calendar.coveredFrom, '2025-01-01');
    assert.equal(calendar.coveredThrough, '2026-12-31');
    assert.ok(Object.keys(calendar.exceptions).length < 80, `${Object.keys(calendar.exceptions).length} exceptions`);
    assert.equal(calendar.exceptions['2026-02-14'], true);
    assert.equal(calendar.exceptions['2026-02-16'], false);
    assert.equal(calendar.exceptions['2026-02-21'], undefined, 'a holiday on a Saturday is a weekend anyway');
  });

  it('leaves the days of a gap uncovered: Monday to Friday as the guess, deadlines through them provisional', () => {
    // 2024 and 2026 without 2025, as an import apart from the covered years used to leave it.
    const withGap = compactCalendar([...calendarYearFromChineseDays(2024), ...calendarYearFromChineseDays(2026)]);
    assert.deepEqual([withGap.coveredFrom, withGap.coveredThrough, withGap.gaps], ['2024-01-01', '2026-12-31', [{ from: '2025-01-01', through: '2025-12-31' }]]);
    assert.deepEqual(['2024-12-31', '2025-01-01', '2025-06-30', '2025-12-31', '2026-01-01'].map((day) => isCovered(withGap, day)), [true, false, false, false, true]);
    assert.equal(isWorkingDay(withGap, '2025-10-01'), true, 'National Day 2025 is unknown in the gap: a Wednesday counts as working');
    assert.equal(isWorkingDay(withGap, '2026-10-01'), false);
    // Tue 2024-12-31, then the guess: Wed 2025-01-01, Thu 01-02.
    const intoGap = deadlineFrom(shanghai('2024-12-30 10:00'), wd(3), withGap);
    assert.deepEqual([shanghaiDate(intoGap.dueAt), intoGap.provisional], ['2025-01-02', true]);
    assert.equal(deadlineFrom(shanghai('2024-12-20 10:00'), wd(3), withGap).provisional, false, 'ends before the gap');
    assert.equal(deadlineFrom(shanghai('2026-03-02 10:00'), wd(5), withGap).provisional, false, 'after the gap');
    assert.equal(deadlineFrom(shanghai('2025-12-31 10:00'), wd(1), withGap).provisional, false, 'starts in the gap, counts only covered days');
    assert.equal(deadlineFrom(shanghai('2025-05-06 10:00'), wd(0), withGap).provisional, true, 'due the day of receipt, in the gap');
  });

  it('covers nothing when the table is empty, and still gives (provisional) deadlines', () => {
    const empty = compactCalendar([]);
    assert.deepEqual(empty, { coveredFrom: null, coveredThrough: null, exceptions: {} });
    assert.equal(isCovered(empty, '2026-11-23'), false);
    const deadline = deadlineFrom(shanghai('2026-11-20 10:00'), wd(1), empty);
    assert.deepEqual([shanghaiDate(deadline.dueAt), deadline.provisional], ['2026-11-23', true]);
    assert.equal(workingDaysLeft(shanghai('2026-11-20 10:00'), deadline.dueAt, empty), 1);
  });

  it('slices from a date: the same answers and deadlines from that day on, none of the earlier exceptions', () => {
    const withGap = compactCalendar([...calendarYearFromChineseDays(2024), ...calendarYearFromChineseDays(2026)]);
    for (const full of [calendar, withGap]) {
      const from = '2025-09-15';
      const slice = sliceCalendar(full, from);
      assert.equal(slice.coveredFrom, from);
      assert.ok(Object.keys(slice.exceptions).every((day) => day >= from));
      assert.ok(Object.keys(slice.exceptions).length < Object.keys(full.exceptions).length);
      for (let day = from; day <= '2027-01-10'; day = addDays(day, 1)) {
        assert.deepEqual([isWorkingDay(slice, day), isCovered(slice, day)], [isWorkingDay(full, day), isCovered(full, day)], day);
      }
      for (const start of ['2025-09-30 10:00', '2026-02-13 10:00', '2026-09-30 16:00', '2026-12-28 09:00']) {
        for (const limit of [wd(1), wd(5), wd(30)]) assert.deepEqual(deadlineFrom(shanghai(start), limit, slice), deadlineFrom(shanghai(start), limit, full), `${start} + ${limit.amount}`);
      }
      assert.equal(isCovered(slice, '2025-09-14'), false, 'before the slice');
    }
    assert.equal(sliceCalendar(calendar, '2024-06-01'), calendar, 'from before the calendar: all of it');
    assert.deepEqual(sliceCalendar(calendar, '2027-03-01'), { coveredFrom: null, coveredThrough: null, exceptions: {} });
  });

  it('reads a calendar as running cases stored it before gaps were tolerated (no gaps field)', () => {
    const stored: WorkingCalendar = JSON.parse('{"coveredFrom":"2026-01-01","coveredThrough":"2026-12-31","exceptions":{"2026-10-01":false}}');
    assert.deepEqual(['2025-12-31', '2026-06-01'].map((day) => isCovered(stored, day)), [false, true]);
    assert.deepEqual([isWorkingDay(stored, '2026-10-01'), isWorkingDay(stored, '2026-10-02')], [false, true]);
  });
});

describe('deadlines', () => {
  describe('Spring Festival 2026 (holidays 02-15..02-23; Sat 02-14 and Sat 02-28 are working days)', () => {
    it('sign-for, 1 working day: received Fri 02-13 → the working Saturday 02-14', () => {
      assert.equal(due(shanghai('2026-02-13 10:00'), wd(1)).dueAt, endOfShanghaiDay('2026-02-14'));
      assert.equal(due(shanghai('2026-02-13 10:00'), wd(1)).dueAt, Date.parse('2026-02-14T15:59:59.999Z'));
    });
    it('received on the working Saturday 02-14 → Tue 02-24, after the holiday', () => {
      assert.equal(dueDay(shanghai('2026-02-14 09:00'), wd(1)), '2026-02-24');
    });
    it('received on a holiday → counting starts on the next working day', () => {
      assert.equal(dueDay(shanghai('2026-02-17 15:00'), wd(1)), '2026-02-24');
      assert.equal(dueDay(shanghai('2026-02-23 23:59'), wd(1)), '2026-02-24');
    });
    it('consultation, 5 working days from Fri 02-13: 02-14, 24, 25, 26, 27', () => {
      assert.equal(dueDay(shanghai('2026-02-13 10:00'), wd(5)), '2026-02-27');
    });
    it('complaint, 15 working days from Fri 02-13: … 02-27, Sat 02-28, 03-02 … 03-12', () => {
      assert.equal(dueDay(shanghai('2026-02-13 10:00'), wd(15)), '2026-03-12');
    });
    it('a receipt at 23:59 and at 00:00 Shanghai time fall on different days', () => {
      assert.equal(dueDay(shanghai('2026-02-12 23:59'), wd(1)), '2026-02-13');
      assert.equal(dueDay(shanghai('2026-02-13 00:00'), wd(1)), '2026-02-14');
      // 2026-02-12T16:30Z is 00:30 on the 13th in Shanghai, even though UTC still says the 12th.
      assert.equal(dueDay(Date.parse('2026-02-12T16:30:00Z'), wd(1)), '2026-02-14');
    });
  });

  describe('Mid-Autumn and National Day 2026 (09-25..27, 10-01..07 off; Sun 09-20 and Sat 10-10 working)', () => {
    it('report, 30 working days from Wed 09-16 → Tue 11-03', () => {
      // 17,18,20(Sun),21,22,23,24, 28,29,30, 10-08,09,10(Sat),12..16, 19..23, 26..30, 11-02, 11-03
      const deadline = due(shanghai('2026-09-16 11:00'), wd(30));
      assert.equal(shanghaiDate(deadline.dueAt), '2026-11-03');
      assert.equal(deadline.provisional, false);
    });
    it('sign-for from Sat 09-19 → the working Sunday 09-20', () => {
      assert.equal(dueDay(shanghai('2026-09-19 08:00'), wd(1)), '2026-09-20');
    });
    it('sign-for from Wed 09-30 → Thu 10-08, after the holiday', () => {
      assert.equal(dueDay(shanghai('2026-09-30 15:00'), wd(1)), '2026-10-08');
    });
    it('sign-for from the working Saturday 10-10 → Mon 10-12', () => {
      assert.equal(dueDay(shanghai('2026-10-10 09:30'), wd(1)), '2026-10-12');
    });
  });

  it('minutes, hours and calendar days run around the clock, holidays included', () => {
    const start = shanghai('2026-10-03 10:00');
    assert.equal(due(start, { amount: 30, unit: 'minutes' }).dueAt, start + 30 * 60_000);
    assert.equal(due(start, { amount: 2, unit: 'hours' }).dueAt, start + 2 * 3_600_000);
    assert.equal(due(start, { amount: 3, unit: 'calendarDays' }).dueAt, start + 3 * 86_400_000);
  });

  it('is provisional when the count leaves the calendar (2027 is not published yet)', () => {
    // 12-22..25, 28..31 = 8; then the Monday–Friday guess: 01-01(9), 04..08, 11(15)
    const deadline = due(shanghai('2026-12-21 10:00'), wd(15));
    assert.equal(shanghaiDate(deadline.dueAt), '2027-01-11');
    assert.equal(deadline.provisional, true);
    assert.equal(due(shanghai('2026-12-21 10:00'), wd(8)).provisional, false);
  });

  it('refuses a negative or fractional limit', () => {
    assert.throws(() => due(0, { amount: -1, unit: 'workingDays' }), RangeError);
    assert.throws(() => due(0, { amount: 1.5, unit: 'hours' }), RangeError);
  });

  it('an extension adds working days after the current due day', () => {
    const current = due(shanghai('2026-02-13 10:00'), wd(5)).dueAt; // Fri 02-27
    assert.equal(shanghaiDate(extendDeadline(current, 3, calendar).dueAt), '2026-03-03'); // Sat 02-28, 03-02, 03-03
  });
});

describe('working days left', () => {
  const dueAt = endOfShanghaiDay('2026-10-09');
  it('counts working days still ahead, skipping the holiday', () => {
    assert.equal(workingDaysLeft(shanghai('2026-09-28 10:00'), dueAt, calendar), 4); // 09-29, 09-30, 10-08, 10-09
    assert.equal(workingDaysLeft(shanghai('2026-10-09 10:00'), dueAt, calendar), 0);
    assert.equal(workingDaysLeft(dueAt, dueAt, calendar), 0);
  });
  it('counts working days overdue, at least one once the due time has passed', () => {
    assert.equal(workingDaysLeft(dueAt + 1, dueAt, calendar), -1); // 10-10 is a working Saturday
    assert.equal(workingDaysLeft(shanghai('2026-10-12 10:00'), dueAt, calendar), -2); // 10-10, 10-12
    const friday = endOfShanghaiDay('2026-10-16');
    assert.equal(workingDaysLeft(shanghai('2026-10-17 10:00'), friday, calendar), -1);
  });
  it('counts by whole weeks and exceptions the same as day by day, across a year and beyond the calendar', () => {
    const dayByDay = (from: string, through: string) => {
      let count = 0;
      for (let day = addDays(from, 1); day <= through; day = addDays(day, 1)) if (isWorkingDay(calendar, day)) count++;
      return count;
    };
    for (const [from, through] of [['2025-12-20', '2026-03-07'], ['2026-01-01', '2026-12-31'], ['2026-09-19', '2026-10-11'], ['2026-12-30', '2027-02-02'], ['2024-06-01', '2025-01-10'], ['2026-05-05', '2026-05-05']] as const) {
      assert.equal(workingDaysBetween(calendar, from, through), dayByDay(from, through), `${from} → ${through}`);
    }
  });
  it('counts the same as day by day when a range starts or ends on an exception day, and in a sliced calendar', () => {
    const dayByDay = (counted: WorkingCalendar, from: string, through: string) => {
      let count = 0;
      for (let day = addDays(from, 1); day <= through; day = addDays(day, 1)) if (isWorkingDay(counted, day)) count++;
      return count;
    };
    // The ends of National Day 2026 and the 调休 Saturday after it: `from` is excluded, `through` included.
    const ends = ['2026-09-30', '2026-10-01', '2026-10-07', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-11', '2026-02-14', '2026-02-15', '2026-02-28'];
    for (const from of ends) for (const through of ends) assert.equal(workingDaysBetween(calendar, from, through), dayByDay(calendar, from, through), `${from} → ${through}`);
    // Each day of two years against each day a fortnight to five months later (a stride keeps it quick).
    const sliced = sliceCalendar(calendar, '2026-06-01');
    for (let from = '2025-01-01'; from <= '2026-12-31'; from = addDays(from, 3)) {
      for (const span of [0, 1, 6, 13, 40, 150]) {
        const through = addDays(from, span);
        assert.equal(workingDaysBetween(calendar, from, through), dayByDay(calendar, from, through), `${from} → ${through}`);
        if (from >= '2026-06-01') assert.equal(workingDaysBetween(sliced, from, through), dayByDay(sliced, from, through), `sliced: ${from} → ${through}`);
      }
    }
  });
  it('answers at once for a deadline decades away (a supervisor may set one)', () => {
    const started = performance.now();
    assert.ok(workingDaysLeft(shanghai('2026-10-09 10:00'), endOfShanghaiDay('2399-12-31'), calendar) > 97_000);
    assert.ok(performance.now() - started < 50, `${Math.round(performance.now() - started)} ms`);
  });
});

describe('warning light', () => {
  it('turns yellow one working day before due on long limits', () => {
    const start = shanghai('2026-02-13 10:00');
    const deadline = due(start, wd(15));
    const yellow = yellowAt(start, wd(15), deadline, { before: wd(1), ratio: 0.8 }, calendar);
    assert.equal(shanghaiDate(yellow), '2026-03-11');
    assert.equal(yellow, endOfShanghaiDay('2026-03-11'));
  });
  it('uses the ratio for a limit too short for "one working day before"', () => {
    const start = shanghai('2026-02-13 10:00');
    const deadline = due(start, wd(1));
    const yellow = yellowAt(start, wd(1), deadline, { before: wd(1), ratio: 0.8 }, calendar);
    assert.equal(yellow, start + Math.floor((deadline.dueAt - start) * 0.8));
  });
  it('takes a clock-time "before" for clock-time limits', () => {
    const start = shanghai('2026-10-03 10:00');
    const limit: TimeLimit = { amount: 2, unit: 'hours' };
    const deadline = due(start, limit);
    assert.equal(yellowAt(start, limit, deadline, { before: { amount: 30, unit: 'minutes' } }, calendar), deadline.dueAt - 30 * 60_000);
  });
  it('is green, then yellow, then red once the due time has passed', () => {
    assert.equal(warningLevel(10, 20, 30), 'green');
    assert.equal(warningLevel(20, 20, 30), 'yellow');
    assert.equal(warningLevel(30, 20, 30), 'yellow');
    assert.equal(warningLevel(31, 20, 30), 'red');
  });
});

describe('deadlines, exhaustively over 2025–2026', () => {
  it('for every receipt day and 1..30 working days: the due day is a working day with exactly N working days after receipt', () => {
    let checked = 0;
    for (let date = '2025-01-01'; date <= '2026-11-01'; date = shanghaiDate(shanghai(`${date} 12:00`) + 86_400_000)) {
      for (let n = 1; n <= 30; n++) {
        const deadline = due(shanghai(`${date} 12:00`), wd(n));
        const dueDate = shanghaiDate(deadline.dueAt);
        assert.equal(deadline.dueAt, endOfShanghaiDay(dueDate));
        assert.equal(isWorkingDay(calendar, dueDate), true, `${date} + ${n}`);
        let working = 0;
        for (let d = shanghaiDate(shanghai(`${date} 12:00`) + 86_400_000); d <= dueDate; d = shanghaiDate(shanghai(`${d} 12:00`) + 86_400_000)) {
          if (isWorkingDay(calendar, d)) working++;
        }
        assert.equal(working, n, `${date} + ${n} → ${dueDate}`);
        checked++;
      }
    }
    assert.ok(checked > 19_000);
  });
});
