import assert from 'node:assert/strict';
import { MissingPolicyError, resolveClockPolicies, resolveClockPolicy, type PolicyRow } from '../../rules/policies';
import { seededPolicyRows } from '../support/lifecycle';

const seeded = seededPolicyRows;

const complaint = { caseTypeCode: 'complaint', categoryLineage: ['cat-urban', 'cat-urban.garbage'], urgency: 'normal' };

describe('policy resolution', () => {
  it('gives each case type its handling limit from the seeded defaults', () => {
    for (const [type, days] of [['consultation', 5], ['complaint', 15], ['report', 30], ['help', 5], ['suggestion', 15], ['opinion', 15]] as const) {
      assert.deepEqual(resolveClockPolicy(seeded, 'handle', { ...complaint, caseTypeCode: type }).limit, { amount: days, unit: 'workingDays' }, type);
    }
  });

  it('lets urgency beat case type: an emergency is signed for within 30 minutes', () => {
    assert.deepEqual(resolveClockPolicy(seeded, 'signFor', complaint).limit, { amount: 1, unit: 'workingDays' });
    assert.deepEqual(resolveClockPolicy(seeded, 'signFor', { ...complaint, urgency: 'emergency' }).limit, { amount: 30, unit: 'minutes' });
    assert.deepEqual(resolveClockPolicy(seeded, 'signFor', { ...complaint, urgency: 'urgent' }).limit, { amount: 2, unit: 'hours' });
  });

  it('prefers the deepest matching category, and ignores rows for other categories', () => {
    const rows: PolicyRow[] = [
      ...seeded,
      { ...seeded.find((r) => r.id === 'handle-complaint')!, id: 'urban', categoryId: 'cat-urban', amount: 12 },
      { ...seeded.find((r) => r.id === 'handle-complaint')!, id: 'garbage', categoryId: 'cat-urban.garbage', amount: 7 },
      { ...seeded.find((r) => r.id === 'handle-complaint')!, id: 'water', categoryId: 'cat-utilities.water-supply', amount: 3 },
    ];
    assert.equal(resolveClockPolicy(rows, 'handle', complaint).limit.amount, 7);
    assert.equal(resolveClockPolicy(rows, 'handle', { ...complaint, categoryLineage: ['cat-urban', 'cat-urban.street-lights'] }).limit.amount, 12);
    assert.equal(resolveClockPolicy(rows, 'handle', { ...complaint, categoryLineage: [] }).limit.amount, 15);
  });

  it('carries the warning point', () => {
    const handle = resolveClockPolicy(seeded, 'handle', complaint);
    assert.deepEqual(handle.warning, { before: { amount: 1, unit: 'workingDays' }, ratio: 0.8 });
  });

  it('resolves every clock for a case, or says which one is missing', () => {
    const all = resolveClockPolicies(seeded, complaint);
    assert.equal(all.reReviewWindow.limit.amount, 15);
    assert.equal(all.returnWindow.limit.amount, 2);
    assert.throws(() => resolveClockPolicies(seeded.filter((r) => r.clock !== 'callback'), complaint), (e: Error) => e instanceof MissingPolicyError && /no callback policy/.test(e.message));
  });
});
