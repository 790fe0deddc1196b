// Deadlines through real timers across the 2026 Spring Festival and National Day: the
// time-skipping test server's clock starts on the eve of each holiday, and the seeded calendar
// (from chinese-days) and policies decide every date. Expected dates are counted by hand.
import assert from 'node:assert/strict';
import { endOfShanghaiDay, shanghaiDate } from '../../rules/shanghaiTime';
import { shanghai } from '../support/calendar';
import { testPrisma } from '../support/db';
import { actors } from '../support/lifecycle';
import { assertProjectionMatches, useHarnessAt } from '../support/petitions';

describe('deadlines through real timers over the 2026 holidays', () => {
  describe('Spring Festival (02-15..02-23 off; Sat 02-14 and Sat 02-28 working)', () => {
    const t = useHarnessAt('2026-02-13 10:00', 'all');

    it('a report dispatched Fri 02-13: sign-for due Sat 02-14, then yellow → red → urge → supervision; handling due 04-02', async () => {
      assert.equal(shanghaiDate(await t.env.currentTimeMs()), '2026-02-13');
      const handle = await t.h.register({ caseTypeCode: 'report', receivedAt: new Date(shanghai('2026-02-13 09:50')).toISOString() });
      const dispatched = await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
      const signFor = dispatched.clocks.find((c) => c.name === 'signFor')!;
      const handleClock = dispatched.clocks.find((c) => c.key === 'handle')!;
      assert.equal(signFor.dueAt, endOfShanghaiDay('2026-02-14'), 'the working Saturday');
      // 02-14; 02-24..27; Sat 02-28; 03-02..06, 09..13, 16..20, 23..27, 30, 31; 04-01, 04-02 = 30
      assert.equal(handleClock.dueAt, endOfShanghaiDay('2026-04-02'));
      assert.equal(handleClock.provisional, false);
      // Escalation counts 5 working days after the due day: 02-24, 25, 26, 27, Sat 02-28.
      assert.equal(signFor.supervisorAt, endOfShanghaiDay('2026-02-28'));

      const sleepUntil = async (instant: number) => t.env.sleep(Math.max(1, instant - (await t.env.currentTimeMs())));
      await sleepUntil(signFor.yellowAt - 60_000);
      assert.equal((await t.h.state(handle)).warningLevel, 'green');
      await sleepUntil(signFor.yellowAt + 60_000);
      assert.equal((await t.h.state(handle)).warningLevel, 'yellow');
      await sleepUntil(signFor.dueAt - 60_000);
      assert.equal((await t.h.state(handle)).warningLevel, 'yellow', 'still in time late on Saturday 02-14');
      await sleepUntil(signFor.dueAt + 60_000);
      let state = await t.h.state(handle);
      assert.equal(state.warningLevel, 'red');
      assert.equal(state.counters.urges, 1);
      // Nothing more happens over the holiday: the next step is the end of Sat 02-28.
      await sleepUntil(shanghai('2026-02-27 12:00'));
      assert.equal((await t.h.state(handle)).escalationLevel, 1);
      await sleepUntil(signFor.supervisorAt! + 60_000);
      state = await t.h.state(handle);
      assert.equal(state.escalationLevel, 2);
      await assertProjectionMatches(state);
      const notice = await testPrisma().supervisionNotice.findFirstOrThrow({ where: { caseId: state.caseId } });
      assert.equal(shanghaiDate(notice.issuedAt.getTime()), '2026-03-01');

      state = await t.h.command(handle, 'signFor', {}, actors.leadHandler);
      assert.equal(state.warningLevel, 'green');
      assert.equal(state.clocks.find((c) => c.key === 'handle')!.dueAt, endOfShanghaiDay('2026-04-02'));
      await sleepUntil(endOfShanghaiDay('2026-04-02') + 60_000);
      state = await t.h.state(handle);
      assert.equal(state.warningLevel, 'red');
      assert.equal(state.counters.urges, 2);
      await assertProjectionMatches(state);
      const row = await testPrisma().case.findUniqueOrThrow({ where: { id: state.caseId } });
      assert.equal(row.handleDueAt?.getTime(), endOfShanghaiDay('2026-04-02'));
      await handle.terminate('test finished');
    });
  });

  describe('National Day (10-01..07 off; Sat 10-10 working)', () => {
    const t = useHarnessAt('2026-09-30 15:00', 'all');

    it('a 1-working-day sign-for from Wed 09-30 is due Thu 10-08 and turns red only after it; a report is due 11-17', async () => {
      const handle = await t.h.register({ caseTypeCode: 'report', receivedAt: new Date(shanghai('2026-09-30 14:55')).toISOString() });
      const dispatched = await t.h.command(handle, 'dispatch', { leadUnitId: 'donghu', assistUnitIds: [] }, actors.dispatcher);
      const signFor = dispatched.clocks.find((c) => c.name === 'signFor')!;
      assert.equal(signFor.dueAt, endOfShanghaiDay('2026-10-08'));
      // 10-08, 09, Sat 10, 12..16, 19..23, 26..30, 11-02..06, 09..13, 16, 17 = 30
      assert.equal(dispatched.clocks.find((c) => c.key === 'handle')!.dueAt, endOfShanghaiDay('2026-11-17'));

      await t.env.sleep(shanghai('2026-10-05 12:00') - (await t.env.currentTimeMs()));
      assert.equal((await t.h.state(handle)).warningLevel, 'green', 'the holiday does not count');
      await t.env.sleep(shanghai('2026-10-08 23:00') - (await t.env.currentTimeMs()));
      assert.equal((await t.h.state(handle)).warningLevel, 'yellow');
      await t.env.sleep(shanghai('2026-10-09 00:01') - (await t.env.currentTimeMs()));
      const state = await t.h.state(handle);
      assert.equal(state.warningLevel, 'red');
      assert.equal(state.counters.urges, 1);
      await assertProjectionMatches(state);
      await handle.terminate('test finished');
    });
  });
});
