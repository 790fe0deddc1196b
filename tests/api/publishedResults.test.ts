// 公开 over HTTP: the citizen's consent at intake (operator form and web form; no by default), and
// the citizen pages' list and detail of published results — a closed case whose citizen agreed
// appears, its text redacted; one whose citizen did not, one still open and a 举报 never do.
import assert from 'node:assert/strict';
import { testPrisma } from '../support/db';
import { getJson, postJson } from '../support/http';
import { useApiStack } from '../support/apiStack';
import { ensureActorUsers } from '../support/sessions';
import { actors } from '../support/lifecycle';
import { as, closedCase, command } from '../support/closedCase';
import { waitUntil } from '../support/petitions';

const CITIZEN = { citizenName: '王小明', citizenPhone: '+8613911112222', address: '东湖区解放路88号3单元501室' };
const CONTENT = '我叫王小明，住东湖区解放路88号3单元501室，身份证370102199001011234，电话13911112222。楼下夜市占道经营，噪音扰民。';

describe('published results on the citizen pages', function () {
  this.timeout(120_000);
  const stack = useApiStack();
  const ids = { consenting: '', declined: '', open: '', report: '' };

  before(async () => {
    await ensureActorUsers(Object.values(actors));
    const registration = { title: '解放路88号夜市噪音', content: CONTENT, ...CITIZEN };
    ids.consenting = (await closedCase(stack.api.url, { ...registration, publishConsent: true })).caseId;
    ids.declined = (await closedCase(stack.api.url, registration)).caseId;
    ids.report = (await closedCase(stack.api.url, { ...registration, caseTypeCode: 'report', publishConsent: true })).caseId;
    const open = await postJson(`${stack.api.url}/api/cases`, { channel: 'phone', caseTypeCode: 'complaint', ...registration, publishConsent: true }, as('operator'));
    ids.open = open.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: ids.open } })) !== null);
    await command(stack.api.url, ids.open, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, 'dispatcher');
  });

  it('records the consent asked at intake, no by default', async () => {
    const consent = async (id: string) => (await testPrisma().case.findUniqueOrThrow({ where: { id } })).publishConsent;
    assert.equal(await consent(ids.consenting), true);
    assert.equal(await consent(ids.declined), false);
  });

  it('lists and shows only the closed consenting case, redacted', async () => {
    const list = await getJson(`${stack.api.url}/public/published-results`);
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const listed = list.body.items.map((item: { caseId: string }) => item.caseId);
    assert.ok(listed.includes(ids.consenting), JSON.stringify(listed));
    for (const id of [ids.declined, ids.open, ids.report]) assert.ok(!listed.includes(id), `${id} is not published`);
    const item = list.body.items.find((i: { caseId: string }) => i.caseId === ids.consenting);
    assert.deepEqual({ caseType: item.caseType, category: item.category, handlingUnit: item.handlingUnit }, { caseType: '投诉', category: '占道经营', handlingUnit: '市城市管理局' });
    assert.equal(item.title, '解放路*号夜市噪音', 'a door number in the title is hidden');

    const detail = await getJson(`${stack.api.url}/public/published-results/${ids.consenting}`);
    assert.equal(detail.status, 200);
    const shown = JSON.stringify(detail.body);
    for (const personal of ['王小明', '小明', '13911112222', '1111', '88号3单元', '501室', '19900101', '+8613911112222', 'citizenName', 'citizenPhone', 'address', '李承办', '赵审核']) {
      assert.ok(!shown.includes(personal), `${personal} is not in ${shown}`);
    }
    assert.match(detail.body.content, /^我叫王\*\*，住\*\*\*，身份证3701\*{10}1234，电话139\*{4}2222。楼下夜市占道经营，噪音扰民。$/);
    assert.equal(detail.body.reply, '您反映的解放路夜市占道经营问题已整改，摊点已迁入规划疏导点。');

    for (const id of [ids.declined, ids.open, ids.report, '99999999999']) {
      const refused = await getJson(`${stack.api.url}/public/published-results/${id}`);
      assert.equal(refused.status, 404, `${id}: ${JSON.stringify(refused.body)}`);
    }
  });

  it('takes the consent on the citizen web form: ticked yes, unticked no', async () => {
    const form = { type: 'complaint', title: '路灯不亮', content: '文化路路灯连续三晚不亮。', phone: '13811112233' };
    const yes = await postJson(`${stack.api.url}/public/cases`, { ...form, publishConsent: true });
    const no = await postJson(`${stack.api.url}/public/cases`, { ...form, title: '路灯仍不亮', phone: '13811112244' });
    const bad = await postJson(`${stack.api.url}/public/cases`, { ...form, title: '路灯又不亮', phone: '13811112255', publishConsent: 'yes' });
    assert.equal(bad.status, 400, JSON.stringify(bad.body));
    for (const [answer, expected] of [[yes, true], [no, false]] as const) {
      assert.ok([201, 202].includes(answer.status), JSON.stringify(answer.body));
      await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: answer.body.caseId } })) !== null);
      assert.equal((await testPrisma().case.findUniqueOrThrow({ where: { id: answer.body.caseId } })).publishConsent, expected);
    }
  });
});
