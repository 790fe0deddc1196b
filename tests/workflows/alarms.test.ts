// Timers are never cancelled (workflows/alarms.ts): when a command moves a case's next alarm,
// the timer already armed stays and fires for nothing, and the new instant still wakes the case
// on time. Through the time-skipping test server from Mon 2026-11-02 10:00 (Shanghai).
import assert from 'node:assert/strict';
import { ALARMS_NEVER_CANCELLED } from '../../workflows/alarms';
import { PETITION_PATCH_BASELINE } from '../../workflows/petition/workflow';
import { patchIdsOf } from '../support/histories';
import { actors } from '../support/lifecycle';
import { useHarnessAt, waitUntil } from '../support/petitions';
import { shanghai } from '../support/calendar';

describe('alarms that are never cancelled (test server from Mon 2026-11-02 10:00)', () => {
  const t = useHarnessAt('2026-11-02 10:00', 'each');
  const sleepUntil = async (instant: number) => t.env.sleep(Math.max(1, instant - (await t.env.currentTimeMs())));

  it('keeps the sign-for timer when signing for moves the alarm, and turns the handling clock yellow on time', async () => {
    const handle = await t.h.register({ receivedAt: new Date(shanghai('2026-11-02 09:55')).toISOString() });
    const dispatched = await t.h.command(handle, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, actors.dispatcher);
    const signForYellow = dispatched.clocks.find((c) => c.name === 'signFor')!.yellowAt;
    const signed = await t.h.command(handle, 'signFor', {}, actors.leadHandler);
    const handling = signed.clocks.find((c) => c.key === 'handle')!;
    assert.ok(signForYellow < handling.yellowAt, 'signing for moves the next alarm later');

    await sleepUntil(handling.yellowAt - 60_000);
    const before = await t.h.state(handle);
    assert.equal(before.warningLevel, 'green', 'the abandoned sign-for timer fired for nothing');
    await sleepUntil(handling.yellowAt + 60_000);
    await waitUntil(async () => (await t.h.state(handle)).warningLevel === 'yellow');

    const events = (await handle.fetchHistory()).events ?? [];
    const patches = patchIdsOf(events);
    // A case started now takes it under the petition's baseline (workflows/patches.ts).
    assert.ok(PETITION_PATCH_BASELINE.includes.has(ALARMS_NEVER_CANCELLED));
    assert.ok(patches.includes(PETITION_PATCH_BASELINE.id), 'the patch is recorded');
    assert.equal(events.filter((e) => e.timerCanceledEventAttributes).length, 0, 'no timer cancelled');
    const firedAt = events.filter((e) => e.timerFiredEventAttributes).map((e) => Number(e.eventTime!.seconds) * 1000);
    assert.ok(firedAt.some((at) => at >= signForYellow && at < handling.yellowAt), 'the sign-for timer fired on its own');
    assert.ok(firedAt.some((at) => at >= handling.yellowAt), 'the handling clock’s timer fired');
    await handle.terminate('test finished');
  });
});
