// The rules' vocabularies (rules/vocabulary.ts, rules/limits.ts) and the database's enums are
// two spellings of one list: a value added to one and not the other would be accepted by the
// API and refused by PostgreSQL, or stored and unknown to the rules.
import assert from 'node:assert/strict';
import { LIMIT_UNITS } from '../../rules/limits';
import { CASE_STATUSES, CHANNELS, DEADLINE_CLOCKS, DISPATCH_MODES, SATISFACTIONS, URGENCIES } from '../../rules/vocabulary';
import { testPrisma } from '../support/db';

async function enumLabels(type: string): Promise<string[]> {
  const rows = await testPrisma().$queryRaw<{ label: string }[]>`
    SELECT e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
    WHERE t.typname = ${type} ORDER BY e.enumsortorder`;
  return rows.map((row) => row.label);
}

describe('vocabularies against the database', () => {
  const lists: [string, readonly string[]][] = [
    ['Channel', CHANNELS],
    ['Urgency', URGENCIES],
    ['Satisfaction', SATISFACTIONS],
    ['DeadlineClock', DEADLINE_CLOCKS],
    ['LimitUnit', LIMIT_UNITS],
    ['DispatchMode', DISPATCH_MODES],
  ];
  for (const [type, list] of lists) {
    it(`${type} has exactly the rules' values`, async () => {
      assert.deepEqual(await enumLabels(type), [...list]);
    });
  }

  it("CaseStatus has the rules' statuses and the operators' draft, nothing else", async () => {
    assert.deepEqual(await enumLabels('CaseStatus'), ['draft', ...CASE_STATUSES]);
  });
});
