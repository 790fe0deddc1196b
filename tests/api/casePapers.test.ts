// The case papers over HTTP, for a case the product registered, dispatched and closed itself:
// the 交办单 and the 答复报告 are PDFs whose text, read back with pdf-parse, carries the seeds'
// headings and the case's own values; a unit reads them with the citizen masked, an office role
// in full (and that read is audited); a unit outside the case gets 404, as for the case read.
import assert from 'node:assert/strict';
import { PDFParse } from 'pdf-parse';
import { IDENTITY_READ } from '../../api/cases/identityReads';
import { testPrisma } from '../support/db';
import { useApiStack } from '../support/apiStack';
import { ensureActorUsers } from '../support/sessions';
import { actors } from '../support/lifecycle';
import { as, CLOSED_CASE_INSTRUCTIONS, CLOSED_CASE_RESULT, closedCase, type Person } from '../support/closedCase';

const CITIZEN = { name: '王小明', phone: '+8613911112222' };

/** The text of a PDF with every space and line break removed (pdfkit wraps long lines anywhere). */
async function pdfText(bytes: ArrayBuffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, '');
  } finally {
    await parser.destroy();
  }
}

const compact = (text: string) => text.replace(/\s+/g, '');

describe('case papers (dispatch sheet, reply report) over HTTP', function () {
  this.timeout(60_000);
  const stack = useApiStack();
  let caseId: string;
  let resultId: string;
  const content = `解放路与文化路交叉口每晚有摊贩占道经营。我叫${CITIZEN.name}，电话13911112222，希望尽快处理。`;

  before(async () => {
    await ensureActorUsers(Object.values(actors));
    ({ caseId, resultId } = await closedCase(stack.api.url, { title: '解放路夜市占道经营', content, citizenName: CITIZEN.name, citizenPhone: CITIZEN.phone, address: '东湖区解放路88号' }));
  });

  const download = async (path: string, person: Person | null) => {
    const response = await fetch(`${stack.api.url}${path}`, { headers: person ? as(person) : {} });
    return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), bytes: await response.arrayBuffer() };
  };
  const identityReads = () => testPrisma().auditEvent.count({ where: { entityType: 'case', entityId: caseId, action: IDENTITY_READ } });

  it('the dispatch sheet: the seeds’ headings and the case’s values; full identity for the office (audited), masked for the lead unit', async () => {
    const before = await identityReads();
    const office = await download(`/api/cases/${caseId}/dispatch-sheet.pdf`, 'dispatcher');
    assert.equal(office.status, 200);
    assert.equal(office.type, 'application/pdf');
    assert.match(office.disposition ?? '', /^attachment;.*filename\*=UTF-8''%E4%BA%A4%E5%8A%9E%E5%8D%95/);
    assert.equal(Buffer.from(office.bytes).subarray(0, 5).toString(), '%PDF-');
    // The font is embedded as a subset: the 8 MB font file is not in the paper.
    assert.ok(office.bytes.byteLength < 400_000, `${office.bytes.byteLength} bytes`);
    const text = await pdfText(office.bytes);
    for (const heading of ['12345热线受理交办单', '受理号', '来电时间', '受理时间', '来源渠道', '诉求类型', '诉求分类', '紧急程度', '诉求内容', '主办单位', '协办单位', '签收时限', '办理时限', '交办意见', '交办人']) {
      assert.ok(text.includes(heading), `heading ${heading} in ${text}`);
    }
    const row = await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } });
    const dispatcher = await testPrisma().user.findUniqueOrThrow({ where: { id: actors.dispatcher.id } });
    for (const value of [caseId, '电话', '投诉', '占道经营', '一般', compact(content), '市城市管理局', '市住房和城乡建设局', CLOSED_CASE_INSTRUCTIONS, dispatcher.displayName, CITIZEN.name, CITIZEN.phone, '东湖区解放路88号']) {
      assert.ok(text.includes(value), `${value} in ${text}`);
    }
    const registeredAt = new Date(row.registeredAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', '');
    assert.ok(text.includes(registeredAt), `registered ${registeredAt} in ${text}`);
    assert.equal(await identityReads(), before + 1, 'the office read of the identity is audited');

    const unit = await pdfText((await download(`/api/cases/${caseId}/dispatch-sheet.pdf`, 'leadHandler')).bytes);
    assert.ok(unit.includes('12345热线受理交办单') && unit.includes('市城市管理局'), unit);
    for (const identity of [CITIZEN.name, '13911112222', '1112222']) assert.ok(!unit.includes(identity), `${identity} masked for the unit: ${unit}`);
    assert.ok(unit.includes('王**'), unit);
    assert.equal(await identityReads(), before + 1, 'a unit’s masked read is no identity read');
  });

  it('the reply report: 调查情况, 法律依据, 承办人, 审核人 and the reply to the citizen, from the unit’s result', async () => {
    const response = await download(`/api/cases/${caseId}/results/${resultId}/reply-report.pdf`, 'leadLeader');
    assert.equal(response.status, 200);
    assert.equal(response.type, 'application/pdf');
    const text = await pdfText(response.bytes);
    for (const heading of ['调查处理情况的报告', '市长公开电话受理中心', '调查情况', '法律依据', '根据……法律（法规、规定）……条……款', '答复市民', '具体承办人', '审核人']) {
      assert.ok(text.includes(heading), `heading ${heading} in ${text}`);
    }
    for (const value of [caseId, CLOSED_CASE_RESULT.actionsTaken, CLOSED_CASE_RESULT.legalBasis, CLOSED_CASE_RESULT.replyToCitizen, CLOSED_CASE_RESULT.handlerName, CLOSED_CASE_RESULT.reviewerName, '市城市管理局', '解放路夜市占道经营']) {
      assert.ok(text.includes(compact(value)), `${value} in ${text}`);
    }
    // The assisting unit reads the case, so it reads its papers too.
    assert.equal((await download(`/api/cases/${caseId}/results/${resultId}/reply-report.pdf`, 'assistHandler')).status, 200);
  });

  it('answers as the case read: 404 to a unit outside the case, for an unknown result or case; 401 without a token', async () => {
    assert.equal((await download(`/api/cases/${caseId}`, 'otherUnitHandler')).status, 404, 'the case read itself');
    assert.equal((await download(`/api/cases/${caseId}/dispatch-sheet.pdf`, 'otherUnitHandler')).status, 404);
    assert.equal((await download(`/api/cases/${caseId}/results/${resultId}/reply-report.pdf`, 'otherUnitHandler')).status, 404);
    assert.equal((await download(`/api/cases/${caseId}/results/no-such-result/reply-report.pdf`, 'dispatcher')).status, 404);
    assert.equal((await download(`/api/cases/99999999999/dispatch-sheet.pdf`, 'dispatcher')).status, 404);
    assert.equal((await download(`/api/cases/${caseId}/dispatch-sheet.pdf`, null)).status, 401);
  });
});
