// /api/templates, and the validation of /api/policies and /api/rule-settings (their accepted
// changes signal open cases: see adminPolicySignals.test.ts, which runs Temporal).
import assert from 'node:assert/strict';
import { testPrisma } from '../support/db';
import { startApi, type RunningApi } from '../support/http';
import { AdminApiClient, listQuery } from '../support/adminApi';
import { DEFAULT_SETTINGS } from '../../prisma/seed/rules';
import { isRuleSettingKey, RULE_SETTINGS } from '../../rules/settings';
import { unknownPlaceholders } from '../../api/templates/placeholders';

describe('admin API: templates, policies and rule settings', () => {
  let server: RunningApi;
  let api: AdminApiClient;

  before(async () => {
    server = await startApi();
    api = new AdminApiClient(server.url);
    await api.login('admin', 'operator', 'dispatcher');
  });

  after(async () => {
    await server?.close();
  });

  describe('message templates', () => {
    let original: { body: string; bodyEn: string | null };

    before(async () => {
      original = await testPrisma().messageTemplate.findUniqueOrThrow({ where: { code: 'voice.survey' } });
    });

    after(async () => {
      await testPrisma().messageTemplate.update({ where: { code: 'voice.survey' }, data: { body: original.body, bodyEn: original.bodyEn } });
    });

    it('finds braced names the renderer would leave as they are', () => {
      assert.deepEqual(unknownPlaceholders('受理号{caseNo}，{unitName}，{案件号}，{ caseNo }', ['caseNo']), ['{unitName}', '{案件号}', '{ caseNo }']);
      assert.deepEqual(unknownPlaceholders('无占位符', []), []);
    });

    it('lists templates with the placeholders each one supports', async () => {
      const list = await api.get('/api/templates', 'admin');
      assert.equal(list.status, 200);
      const byId = Object.fromEntries(list.body.map((t: { id: string; placeholders: string[] }) => [t.id, t.placeholders]));
      assert.deepEqual(byId['sms.dispatchNotice'], ['caseNo', 'unitName', 'signForDue', 'handleDue']);
      assert.deepEqual(byId['sms.completion'], ['caseNo', 'reply', 'reReviewUrl', 'reReviewUntil']);
      assert.match(list.headers.get('content-range')!, /^templates 0-\d+\/\d+$/);
      assert.equal((await api.get('/api/templates/sms.completion', 'operator')).body.code, 'sms.completion');
      assert.equal((await api.get('/api/templates/sms.nothing', 'admin')).status, 404);
    });

    it('refuses a placeholder the template’s renderer does not fill in, naming the field', async () => {
      const unitNameToCitizen = await api.put('/api/templates/sms.completion', { body: '【12345热线】{unitName}已办结您的诉求{caseNo}：{reply}' }, 'admin');
      assert.equal(unitNameToCitizen.status, 400);
      assert.deepEqual(Object.keys(unitNameToCitizen.body.error.fields), ['body']);
      assert.match(unitNameToCitizen.body.error.fields.body, /unknown placeholder \{unitName\}; this template knows \{caseNo\} \{reply\} \{reReviewUrl\} \{reReviewUntil\}/);
      const typoInEnglish = await api.put('/api/templates/sms.completion', { body: '【12345热线】您的诉求{caseNo}已办结：{reply}', bodyEn: 'Case {caseNumber} done: {reply}' }, 'admin');
      assert.deepEqual(Object.keys(typoInEnglish.body.error.fields), ['bodyEn']);
      const chineseName = await api.put('/api/templates/sms.completion', { body: '受理号{受理号}' }, 'admin');
      assert.match(chineseName.body.error.fields.body, /\{受理号\}/);
      const empty = await api.put('/api/templates/sms.completion', { body: '' }, 'admin');
      assert.deepEqual(empty.body.error.fields, { body: 'required' });
    });

    it('saves a valid text, audited with before and after; admins only', async () => {
      const body = '您好，这里是12345热线回访。受理号{caseNo}，满意请按1，基本满意请按2，不满意请按3。';
      const saved = await api.put('/api/templates/voice.survey', { body, reason: '回访话术调整' }, 'admin');
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.deepEqual([saved.body.id, saved.body.body, saved.body.updatedById], ['voice.survey', body, 'user-admin']);
      const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'messageTemplate', entityId: 'voice.survey' }, orderBy: { id: 'desc' } });
      const payload = audit.payload as { before: { body: string }; after: { body: string }; changed: string[] };
      assert.deepEqual([audit.action, audit.reason, payload.before.body, payload.after.body, payload.changed], ['templateChanged', '回访话术调整', original.body, body, ['body']]);
      assert.equal((await api.put('/api/templates/voice.survey', { body }, 'operator')).status, 403);
      assert.equal((await api.put('/api/templates/sms.nothing', { body }, 'admin')).status, 404);
    });
  });

  describe('deadline policies', () => {
    it('keeps the reference list compatible: every row, numeric warnRatio, Content-Range; filters and pages', async () => {
      const all = await api.get('/api/policies', 'operator');
      assert.equal(all.status, 200);
      const signFor = all.body.find((p: { id: string }) => p.id === 'sign-for');
      assert.equal(signFor.warnRatio, 0.8);
      assert.match(all.headers.get('content-range')!, new RegExp(`^policies 0-${all.body.length - 1}/${all.body.length}$`));
      const handle = await api.get(`/api/policies${listQuery({ filter: { clock: 'handle' }, sort: ['amount', 'DESC'], range: [0, 1] })}`, 'operator');
      assert.deepEqual(handle.body.map((p: { id: string }) => p.id), ['handle-report', 'handle-complaint']);
      assert.equal((await api.get('/api/policies/handle-help', 'operator')).body.amount, 5);
      assert.equal((await api.get('/api/policies/nope', 'operator')).status, 404);
    });

    it('refuses limits that are not positive, unknown limit units, and warnings outside the limit, with the fields', async () => {
      const zero = await api.put('/api/policies/handle-help', { amount: 0, unit: 'fortnights' }, 'admin');
      assert.equal(zero.status, 400);
      assert.deepEqual(zero.body.error.fields.amount, 'must be positive');
      assert.ok(zero.body.error.fields.unit);
      const longWarning = await api.put('/api/policies/handle-help', { warnAmount: 5, warnRatio: null }, 'admin');
      assert.equal(longWarning.status, 400);
      assert.match(longWarning.body.error.fields.warnAmount, /shorter than the limit/);
      const hoursWarningInDays = await api.put('/api/policies/sign-for-urgent', { warnAmount: 1, warnUnit: 'workingDays' }, 'admin');
      assert.deepEqual(hoursWarningInDays.body.error.fields, { warnUnit: 'a warning in working days needs a limit in working days' });
      const halfWarning = await api.put('/api/policies/sign-for-urgent', { warnAmount: 30 }, 'admin');
      assert.deepEqual(halfWarning.body.error.fields, { warnUnit: 'warnAmount and warnUnit go together' });
      const ratio = await api.put('/api/policies/sign-for-urgent', { warnRatio: 1.5 }, 'admin');
      assert.deepEqual(ratio.body.error.fields, { warnRatio: 'between 0 and 1' });
      const unknownType = await api.post('/api/policies', { clock: 'handle', caseTypeCode: 'petition', amount: 3, unit: 'workingDays' }, 'admin');
      assert.deepEqual(unknownType.body.error.fields, { caseTypeCode: 'no such case type' });
      const unchanged = await testPrisma().deadlinePolicy.findUniqueOrThrow({ where: { id: 'handle-help' } });
      assert.deepEqual([unchanged.amount, unchanged.warnAmount], [5, 1]);
    });

    it('refuses a second active row for the same key and a change that leaves cases without a limit (409)', async () => {
      const duplicate = await api.post('/api/policies', { clock: 'handle', caseTypeCode: 'complaint', amount: 10, unit: 'workingDays' }, 'admin');
      assert.equal(duplicate.status, 409);
      assert.match(duplicate.body.error.message, /handle-complaint/);
      const lastCatchAll = await api.delete('/api/policies/sign-for', 'admin');
      assert.equal(lastCatchAll.status, 409);
      assert.equal(lastCatchAll.body.error.code, 'uncovered');
      assert.match(lastCatchAll.body.error.message, /signFor: consultation\/normal/);
      const narrowed = await api.put('/api/policies/handle-help', { urgency: 'urgent' }, 'admin');
      assert.equal(narrowed.status, 409, 'help requests of normal urgency would have no handling limit');
      assert.equal((await api.put('/api/policies/return-window', { active: false }, 'admin')).status, 409);
    });

    it('keys rows by dispatch mode too: a phone row beside the case type’s, a second one refused, an unknown mode 400', async () => {
      const phone = await api.post('/api/policies', { id: 'handle-complaint-phone', clock: 'handle', caseTypeCode: 'complaint', dispatchMode: 'phone', amount: 2, unit: 'workingDays', reason: '投诉电话交办2个工作日' }, 'admin');
      assert.equal(phone.status, 201, JSON.stringify(phone.body));
      try {
        assert.equal(phone.body.dispatchMode, 'phone');
        const again = await api.post('/api/policies', { clock: 'handle', caseTypeCode: 'complaint', dispatchMode: 'phone', amount: 4, unit: 'workingDays' }, 'admin');
        assert.equal(again.status, 409);
        assert.match(again.body.error.message, /handle-complaint-phone/);
        const fax = await api.post('/api/policies', { clock: 'handle', dispatchMode: 'fax', amount: 4, unit: 'workingDays' }, 'admin');
        assert.equal(fax.status, 400);
        assert.deepEqual(Object.keys(fax.body.error.fields), ['dispatchMode']);
        const listed = await api.get(`/api/policies${listQuery({ filter: { dispatchMode: 'written' } })}`, 'admin');
        assert.deepEqual(listed.body.map((p: { id: string }) => p.id), ['handle-written'], 'the seeded written-dispatch row');
      } finally {
        await testPrisma().deadlinePolicy.delete({ where: { id: 'handle-complaint-phone' } });
      }
    });

    it('is for admins only', async () => {
      assert.equal((await api.put('/api/policies/handle-help', { amount: 4 }, 'dispatcher')).status, 403);
      assert.equal((await api.post('/api/policies', { clock: 'handle', amount: 4, unit: 'workingDays' }, 'operator')).status, 403);
      assert.equal((await api.delete('/api/policies/handle-help', 'operator')).status, 403);
    });
  });

  describe('rule settings', () => {
    it('seeds every defined setting with a default that passes its own schema', async () => {
      for (const setting of DEFAULT_SETTINGS) {
        assert.ok(isRuleSettingKey(setting.key), `${setting.key} is defined in rules/settings.ts`);
        assert.ok(RULE_SETTINGS[setting.key].schema.safeParse(setting.value).success, setting.key);
      }
      const seeded = await testPrisma().ruleSetting.findMany({ where: { key: { in: Object.keys(RULE_SETTINGS) } } });
      assert.deepEqual(seeded.map((row) => row.key).sort(), Object.keys(RULE_SETTINGS).sort());
    });

    it('lists settings with an id, and refuses bad values with the field, unknown keys, and internal ones', async () => {
      const list = await api.get('/api/rule-settings', 'operator');
      const cap = list.body.find((s: { id: string }) => s.id === 'extension.maxTotalWorkingDays');
      assert.deepEqual([cap.value, cap.editable, cap.readByOpenCases], [10, true, true]);
      const negative = await api.put('/api/rule-settings/return.maxCount', { value: 0 }, 'admin');
      assert.equal(negative.status, 400);
      assert.deepEqual(negative.body.error.fields, { value: 'at least 1' });
      const weights = await api.put('/api/rule-settings/assessment.weights', { value: { workPerformance: 0.5, citizenEvaluation: 0.7 } }, 'admin');
      assert.deepEqual(weights.body.error.fields, { value: 'the weights add up to 1' });
      const hours = await api.put('/api/rule-settings/ivr.seatHours', { value: { start: '8am', end: '22:00', timeZone: 'Asia/Shanghai' } }, 'admin');
      assert.deepEqual(hours.body.error.fields, { 'value.start': 'HH:mm' });
      // 24:00 ends a span at midnight (seats staffed all day); it is no start, and 24:01 is no time.
      assert.deepEqual((await api.put('/api/rule-settings/ivr.seatHours', { value: { start: '24:00', end: '24:00', timeZone: 'Asia/Shanghai' } }, 'admin')).body.error.fields, { 'value.start': 'HH:mm' });
      assert.deepEqual((await api.put('/api/rule-settings/ivr.seatHours', { value: { start: '08:00', end: '24:01', timeZone: 'Asia/Shanghai' } }, 'admin')).body.error.fields, { 'value.end': 'HH:mm, or 24:00 for the end of the day' });
      // Seed 003's criticism rule is a setting open cases read; a count of urges, 0 for off.
      const criticism = list.body.find((s: { id: string }) => s.id === 'urge.criticismThreshold');
      assert.deepEqual([criticism.value, criticism.editable, criticism.readByOpenCases], [2, true, true]);
      assert.deepEqual((await api.put('/api/rule-settings/urge.criticismThreshold', { value: -1 }, 'admin')).body.error.fields, { value: 'at least 0' });
      assert.deepEqual((await api.put('/api/rule-settings/urge.criticismThreshold', { value: 2.5 }, 'admin')).body.error.fields, { value: 'a whole number' });
      assert.equal((await api.put('/api/rule-settings/no.such.key', { value: 1 }, 'admin')).status, 404);
      assert.equal((await api.put('/api/rule-settings/seed.demoAppliedAt', { value: 'x' }, 'admin')).status, 409);
      assert.equal((await api.put('/api/rule-settings/return.maxCount', { value: 3 }, 'dispatcher')).status, 403);
      assert.equal((await testPrisma().ruleSetting.findUniqueOrThrow({ where: { key: 'return.maxCount' } })).value, 2);
    });
  });

  it('serves case types with an id for react-admin', async () => {
    const types = await api.get('/api/case-types', 'operator');
    assert.deepEqual(types.body.map((t: { id: string }) => t.id), ['consultation', 'complaint', 'report', 'help', 'suggestion', 'opinion']);
    assert.equal((await api.get('/api/case-types/complaint', 'operator')).body.name, '投诉');
    assert.equal((await api.get('/api/case-types/nope', 'operator')).status, 404);
  });
});
