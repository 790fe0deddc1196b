// A case the product itself carries from intake to closed over HTTP (operator registers,
// dispatcher dispatches, the lead unit signs for and submits its result, its leader approves,
// the office accepts, the citizen is satisfied): for tests of what a finished case leaves.
import assert from 'node:assert/strict';
import { testPrisma } from './db';
import { getJson, postJson } from './http';
import { actors } from './lifecycle';
import { waitUntil } from './petitions';
import { actorToken } from './sessions';

export type Person = keyof typeof actors;

export const as = (person: Person) => ({ authorization: `Bearer ${actorToken(actors[person], 300)}` });

export const CLOSED_CASE_RESULT = {
  actionsTaken: '执法队员于次日上午到解放路现场核查，责令摊贩退路进店，并设置隔离护栏。',
  replyToCitizen: '您反映的解放路夜市占道经营问题已整改，摊点已迁入规划疏导点。',
  legalBasis: '《城市市容和环境卫生管理条例》第十七条',
  handlerName: '李承办',
  reviewerName: '赵审核',
  citizenContacted: true,
  resolved: true,
};

export const CLOSED_CASE_INSTRUCTIONS = '请于三个工作日内现场核查并书面答复';

/** Runs one command; fails the test unless it is taken (200). */
export async function command(apiUrl: string, caseId: string, name: string, body: unknown, person: Person): Promise<void> {
  const response = await postJson(`${apiUrl}/api/cases/${caseId}/commands/${name}`, body, as(person));
  assert.equal(response.status, 200, `${name} by ${person}: ${JSON.stringify(response.body)}`);
}

/** Registers (as the operator, with these fields) and closes a case; its number and result id. */
export async function closedCase(apiUrl: string, registration: Record<string, unknown>): Promise<{ caseId: string; resultId: string }> {
  const registered = await postJson(`${apiUrl}/api/cases`, { channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', ...registration }, as('operator'));
  assert.equal(registered.status, 201, JSON.stringify(registered.body));
  const caseId: string = registered.body.caseId;
  await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
  await command(apiUrl, caseId, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: ['zhujian'], instructions: CLOSED_CASE_INSTRUCTIONS }, 'dispatcher');
  await command(apiUrl, caseId, 'signFor', {}, 'leadHandler');
  await command(apiUrl, caseId, 'submitResult', CLOSED_CASE_RESULT, 'leadHandler');
  await command(apiUrl, caseId, 'unitApprove', {}, 'leadLeader');
  await command(apiUrl, caseId, 'review', { accept: true }, 'dispatcher');
  await command(apiUrl, caseId, 'recordCallback', { outcome: 'reached', satisfaction: 'satisfied', resolved: true, method: 'operator' }, 'operator');
  const read = await getJson(`${apiUrl}/api/cases/${caseId}`, as('dispatcher'));
  assert.equal(read.body.status, 'closed', JSON.stringify(read.body.status));
  return { caseId, resultId: read.body.results[0].id };
}
