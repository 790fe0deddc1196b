// Guesses at one case's secret are counted per case, across the web look-up and the IVR and
// whatever addresses they come from (api/public/caseChecks.ts): a per-address limit alone let
// many addresses share out the 10⁴ phone tails or 10⁶ passwords of one case.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { RULE_SETTINGS } from '../../rules/settings';

const DEFAULT_FAILED_CHECKS_PER_DAY = RULE_SETTINGS['caseLookup.failedChecksPerDay'].default;
import { useApiStack } from '../support/apiStack';
import { testPrisma } from '../support/db';
import { getJson, postJson } from '../support/http';
import { SimulatedCall, spokenTexts, useSeatHoursAllDay } from '../support/ivr';
import { waitUntil } from '../support/petitions';
import { CITIZEN_STATUS_TEXT } from '../../api/twilio/citizenStatusText';
import { VOICE_PROMPT_TEMPLATES } from '../../rules/templates/voicePrompts';

/** Another client address each time (the test API trusts X-Forwarded-For from loopback). */
const anotherAddress = () => ({ 'x-forwarded-for': `198.51.100.${randomInt(1, 255)}, 203.0.113.${randomInt(1, 255)}` });

describe('case look-ups: failed checks counted per case, across channels and addresses', () => {
  const stack = useApiStack();
  useSeatHoursAllDay();

  async function webCase(): Promise<{ caseId: string; queryPassword: string; phoneTail: string }> {
    const tail = String(randomInt(1000, 9999));
    const response = await postJson(
      `${stack.api.url}/public/cases`,
      { type: 'complaint', title: '路灯不亮', content: '文化路路灯坏了一周。', name: '孙八', phone: `1391111${tail}`, address: '东湖区文化路' },
      anotherAddress(),
    );
    assert.equal(response.status, 201, JSON.stringify(response.body));
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: response.body.caseId } })) !== null);
    return { ...response.body, phoneTail: tail };
  }

  const lookUp = (caseId: string, check: string) => getJson(`${stack.api.url}/public/cases/${caseId}?check=${check}`, anotherAddress());

  it('is seeded with the default allowance', async () => {
    assert.equal((await testPrisma().ruleSetting.findUniqueOrThrow({ where: { key: 'caseLookup.failedChecksPerDay' } })).value, DEFAULT_FAILED_CHECKS_PER_DAY);
  });

  it('answers the right check however often, then refuses every check of a case whose allowance wrong ones from many addresses spent', async () => {
    const { caseId, queryPassword, phoneTail } = await webCase();
    const other = await webCase();
    for (let i = 0; i < 3; i += 1) assert.equal((await lookUp(caseId, queryPassword)).status, 200, 'a citizen who knows the password is not counted');
    const wrong = (n: number) => String((Number(queryPassword) + n) % 1_000_000).padStart(6, '0');
    for (let i = 1; i <= DEFAULT_FAILED_CHECKS_PER_DAY; i += 1) assert.equal((await lookUp(caseId, wrong(i))).status, 404, `wrong guess ${i}`);
    // The allowance is spent: the right password and the right phone tail fail too, the same 404.
    const refused = await lookUp(caseId, queryPassword);
    assert.equal(refused.status, 404);
    assert.deepEqual(refused.body, (await lookUp('20991231999999', '123456')).body, 'the same answer as an unknown case');
    assert.equal((await lookUp(caseId, phoneTail)).status, 404);
    // Another case is not affected.
    assert.equal((await lookUp(other.caseId, other.queryPassword)).status, 200);
    assert.equal((await lookUp(other.caseId, other.phoneTail)).status, 200);
  });

  it('shares the allowance with the IVR case query: spent on the web, the right password by phone is "not found"; spent by phone, the web refuses', async () => {
    const web = await webCase();
    for (let i = 1; i <= DEFAULT_FAILED_CHECKS_PER_DAY; i += 1) assert.equal((await lookUp(web.caseId, '000000')).status, 404);
    const call = new SimulatedCall(stack.api.url);
    const asked = await call.answer(await call.answer(await call.incoming(), { Digits: '3' }), { Digits: web.caseId });
    assert.equal(spokenTexts((await call.answer(asked, { Digits: web.queryPassword })).doc)[0], VOICE_PROMPT_TEMPLATES['voice.queryNotFound'].body);

    const phoned = await webCase();
    const calls = Math.ceil(DEFAULT_FAILED_CHECKS_PER_DAY / 3);
    for (let c = 0; c < calls; c += 1) {
      const caller = new SimulatedCall(stack.api.url);
      let step = await caller.answer(await caller.incoming(), { Digits: '3' });
      for (let t = 0; t < 3; t += 1) step = await caller.answer(await caller.answer(step, { Digits: phoned.caseId }), { Digits: '000000' });
    }
    assert.equal((await lookUp(phoned.caseId, phoned.queryPassword)).status, 404);
    // A case with allowance left is still spoken by phone.
    const fresh = await webCase();
    const caller = new SimulatedCall(stack.api.url);
    const askedFresh = await caller.answer(await caller.answer(await caller.incoming(), { Digits: '3' }), { Digits: fresh.caseId });
    assert.match(spokenTexts((await caller.answer(askedFresh, { Digits: fresh.queryPassword })).doc)[0]!, new RegExp(`当前状态：(${Object.values(CITIZEN_STATUS_TEXT).join('|')})`));
  });
});
