// The access matrix over HTTP: every endpoint (row) × every kind of user (column), with the
// status each one must get. Unit users are tested against a case of their own unit and one of
// another unit (case A is led by 城管局, case B by 解放路街道 under 东湖区). Writes that would
// change shared data are sent with an invalid body: passing the access check then shows as 400,
// failing it as 401/403/404, and nothing changes either way.
import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from '../../prisma/seed/users';
import { testPrisma } from '../support/db';
import { postJson } from '../support/http';
import { useApiStack } from '../support/apiStack';
import { waitUntil } from '../support/petitions';

const USERS = ['anonymous', 'operator', 'dispatcher', 'supervisor', 'auditor', 'admin', 'handler', 'leader', 'donghu', 'jiefang'] as const;
type User = (typeof USERS)[number];

interface Row {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  /** Expected status per user; `rest` covers the users not named. */
  expect: Partial<Record<User | 'rest', number>>;
}

const OFFICE = { operator: 200, dispatcher: 200, supervisor: 200, auditor: 200, admin: 200 };
const EVERYONE_SIGNED_IN = { anonymous: 401, rest: 200 };
/** Seen by the office, by 城管局 (A's lead unit), not by 东湖区 or its street. */
const CASE_A_READ = { anonymous: 401, ...OFFICE, handler: 200, leader: 200, donghu: 404, jiefang: 404 };
/** Seen by the office, by 解放路街道 (B's lead unit) and 东湖区 above it, not by 城管局. */
const CASE_B_READ = { anonymous: 401, ...OFFICE, handler: 404, leader: 404, donghu: 200, jiefang: 200 };
const ADMIN_ONLY_WRITE = { anonymous: 401, admin: 400, rest: 403 };
const STATISTICS_READ = { anonymous: 401, dispatcher: 200, supervisor: 200, auditor: 200, admin: 200, rest: 403 };

const MATRIX = (a: string, b: string): Row[] => [
  { method: 'GET', path: '/api/cases', expect: EVERYONE_SIGNED_IN },
  { method: 'GET', path: `/api/cases/${a}`, expect: CASE_A_READ },
  { method: 'GET', path: `/api/cases/${b}`, expect: CASE_B_READ },
  { method: 'GET', path: `/api/cases/${a}/history`, expect: CASE_A_READ },
  { method: 'GET', path: `/api/cases/${b}/history`, expect: CASE_B_READ },
  // The papers (PDF) are read as the case is.
  { method: 'GET', path: `/api/cases/${a}/dispatch-sheet.pdf`, expect: CASE_A_READ },
  { method: 'GET', path: `/api/cases/${b}/dispatch-sheet.pdf`, expect: CASE_B_READ },
  { method: 'GET', path: `/api/cases/${a}/identity-reads`, expect: { anonymous: 401, auditor: 200, supervisor: 200, admin: 200, rest: 403 } },
  { method: 'GET', path: `/api/cases/${a}/state`, expect: { anonymous: 401, auditor: 200, supervisor: 200, admin: 200, rest: 403 } },
  { method: 'GET', path: `/api/cases/${a}/state-diff?from=2026-01-01T00:00:00Z&to=2030-01-01T00:00:00Z`, expect: { anonymous: 401, auditor: 200, supervisor: 200, admin: 200, rest: 403 } },
  { method: 'GET', path: `/api/cases/${b}/temporal-history`, expect: { anonymous: 401, auditor: 200, supervisor: 200, admin: 200, rest: 403 } },
  { method: 'GET', path: `/api/cases/${b}/case-file`, expect: { anonymous: 401, auditor: 200, supervisor: 200, admin: 200, rest: 403 } },
  { method: 'POST', path: '/api/cases', body: {}, expect: { anonymous: 401, operator: 400, dispatcher: 400, rest: 403 } },
  // Urging is the office's; a unit is refused by the workflow on its own case, and told
  // nothing about another unit's.
  { method: 'POST', path: `/api/cases/${a}/commands/urge`, body: { reason: '矩阵测试催办' }, expect: { anonymous: 401, dispatcher: 200, supervisor: 200, operator: 403, auditor: 403, admin: 403, handler: 403, leader: 403, donghu: 404, jiefang: 404 } },
  { method: 'POST', path: `/api/cases/${b}/commands/supervise`, body: { content: '矩阵测试督办' }, expect: { anonymous: 401, supervisor: 200, operator: 403, dispatcher: 403, auditor: 403, admin: 403, handler: 404, leader: 404, donghu: 403, jiefang: 403 } },
  { method: 'POST', path: `/api/cases/${a}/commands/requestExtension`, body: { workingDays: 0, reason: '' }, expect: { anonymous: 401, rest: 400 } },
  // 联系市民: units' people only; the body is checked first (an invalid phone here), as commands' are.
  { method: 'POST', path: `/api/cases/${a}/bridge-calls`, body: { phone: 'x' }, expect: { anonymous: 401, handler: 400, leader: 400, donghu: 400, jiefang: 400, rest: 403 } },
  { method: 'GET', path: '/api/calendar?year=2026', expect: EVERYONE_SIGNED_IN },
  { method: 'PUT', path: '/api/calendar/2026-12-01', body: { isWorkingDay: 'maybe' }, expect: ADMIN_ONLY_WRITE },
  { method: 'POST', path: '/api/calendar/import/1999', expect: { anonymous: 401, admin: 400, rest: 403 } },
  { method: 'DELETE', path: '/api/calendar/years/2025', body: { reason: '' }, expect: ADMIN_ONLY_WRITE },
  { method: 'GET', path: '/api/units', expect: EVERYONE_SIGNED_IN },
  { method: 'GET', path: '/api/units/chengguan', expect: EVERYONE_SIGNED_IN },
  // assignHandler's picker: a unit's own people only.
  { method: 'GET', path: '/api/units/chengguan/handlers', expect: { anonymous: 401, handler: 200, leader: 200, rest: 403 } },
  { method: 'GET', path: '/api/categories', expect: EVERYONE_SIGNED_IN },
  { method: 'GET', path: '/api/case-types', expect: EVERYONE_SIGNED_IN },
  { method: 'GET', path: '/api/policies', expect: EVERYONE_SIGNED_IN },
  { method: 'GET', path: '/auth/me', expect: EVERYONE_SIGNED_IN },
  { method: 'GET', path: `/api/cases/${a}/attachments`, expect: CASE_A_READ },
  { method: 'GET', path: `/api/cases/${b}/attachments`, expect: CASE_B_READ },
  { method: 'GET', path: '/api/users', expect: { anonymous: 401, admin: 200, auditor: 200, rest: 403 } },
  { method: 'POST', path: '/api/users', body: {}, expect: ADMIN_ONLY_WRITE },
  { method: 'POST', path: '/api/units', body: {}, expect: ADMIN_ONLY_WRITE },
  { method: 'PUT', path: '/api/categories/cat-urban', body: { name: '' }, expect: ADMIN_ONLY_WRITE },
  { method: 'POST', path: '/api/policies', body: {}, expect: ADMIN_ONLY_WRITE },
  { method: 'GET', path: '/api/rule-settings', expect: EVERYONE_SIGNED_IN },
  { method: 'PUT', path: '/api/templates/sms.receipt', body: { body: '您的受理号 {noSuchPlaceholder}' }, expect: ADMIN_ONLY_WRITE },
  { method: 'GET', path: '/api/knowledge/search?q=%E5%B1%85%E4%BD%8F%E8%AF%81', expect: EVERYONE_SIGNED_IN },
  { method: 'POST', path: '/api/knowledge', body: {}, expect: { anonymous: 401, operator: 400, admin: 400, rest: 403 } },
  { method: 'POST', path: '/api/knowledge/no-such-article/publish', body: {}, expect: { anonymous: 401, admin: 404, rest: 403 } },
  { method: 'GET', path: '/api/api-clients', expect: { anonymous: 401, admin: 200, rest: 403 } },
  { method: 'POST', path: '/api/api-clients', body: {}, expect: ADMIN_ONLY_WRITE },
  // Statistics: the hotline office's readers only; units and operators are refused.
  { method: 'GET', path: '/api/statistics/hotspots?month=2026-10', expect: STATISTICS_READ },
  { method: 'GET', path: '/api/statistics/repeat-complaints?from=2026-10-01&to=2026-10-31&format=csv', expect: STATISTICS_READ },
  { method: 'GET', path: '/api/statistics/report?month=2026-10', expect: STATISTICS_READ },
  { method: 'GET', path: '/api/statistics/call-centre?from=2026-10-01&to=2026-10-31&format=csv&table=operators', expect: STATISTICS_READ },
  // An invalid body: operators and dispatchers pass the access check (400), no one else does.
  { method: 'POST', path: `/api/telephony/calls/CA${'0'.repeat(32)}/case`, body: { caseId: 'x' }, expect: { anonymous: 401, operator: 400, dispatcher: 400, rest: 403 } },
  // The caller blocklist (issue 20): the office and auditors read it, operators and dispatchers propose, supervisors decide.
  { method: 'GET', path: '/api/telephony/blocked-callers', expect: { anonymous: 401, ...OFFICE, rest: 403 } },
  { method: 'POST', path: '/api/telephony/blocked-callers', body: {}, expect: { anonymous: 401, operator: 400, dispatcher: 400, rest: 403 } },
  { method: 'POST', path: '/api/telephony/blocked-callers/00000000-0000-4000-8000-000000000000/approve', body: { comment: 7 }, expect: { anonymous: 401, supervisor: 400, rest: 403 } },
  { method: 'POST', path: '/api/telephony/blocked-callers/00000000-0000-4000-8000-000000000000/lift', body: {}, expect: { anonymous: 401, supervisor: 400, rest: 403 } },
  // The Temporal UI/CLI codec server: auditors only (an empty batch decodes to an empty batch).
  { method: 'POST', path: '/codec/decode', body: { payloads: [] }, expect: { anonymous: 401, auditor: 200, rest: 403 } },
];

function expected(row: Row, user: User): number {
  const status = row.expect[user] ?? row.expect.rest;
  if (status === undefined) throw new Error(`the matrix has no cell for ${user} on ${row.method} ${row.path}`);
  return status;
}

describe('access matrix (role × endpoint × own/other unit)', () => {
  const stack = useApiStack();
  const tokens = new Map<User, string>();
  let caseA = '';
  let caseB = '';

  before(async () => {
    for (const user of USERS.filter((u) => u !== 'anonymous')) {
      const login = await postJson(`${stack.api.url}/auth/login`, { username: user, password: DEMO_PASSWORD });
      assert.equal(login.status, 200, `login as ${user}`);
      tokens.set(user, login.body.accessToken);
    }
    const dispatched = async (leadUnitId: string) => {
      const auth = { authorization: `Bearer ${tokens.get('operator')}` };
      const created = await postJson(`${stack.api.url}/api/cases`, { channel: 'web', caseTypeCode: 'complaint', title: '矩阵测试', content: '权限矩阵测试用例', citizenName: '赵六', citizenPhone: '+8613977778888' }, auth);
      assert.equal(created.status, 201);
      const dispatch = await postJson(`${stack.api.url}/api/cases/${created.body.caseId}/commands/dispatch`, { leadUnitId }, { authorization: `Bearer ${tokens.get('dispatcher')}` });
      assert.equal(dispatch.status, 200, JSON.stringify(dispatch.body));
      await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: created.body.caseId } }))?.status === 'dispatched');
      return created.body.caseId as string;
    };
    caseA = await dispatched('chengguan');
    caseB = await dispatched('donghu-jiefang');
  });


  const call = async (row: Row, user: User): Promise<number> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (user !== 'anonymous') headers.authorization = `Bearer ${tokens.get(user)}`;
    const response = await fetch(`${stack.api.url}${row.path}`, { method: row.method, headers, body: row.body === undefined ? undefined : JSON.stringify(row.body) });
    await response.arrayBuffer();
    return response.status;
  };

  it('gives every user exactly the status the matrix says, on every endpoint', async () => {
    const wrong: string[] = [];
    let cells = 0;
    for (const row of MATRIX(caseA, caseB)) {
      for (const user of USERS) {
        const want = expected(row, user);
        const got = await call(row, user);
        cells++;
        if (got !== want) wrong.push(`${row.method} ${row.path} as ${user}: ${got}, expected ${want}`);
      }
    }
    assert.deepEqual(wrong, []);
    assert.equal(cells, MATRIX(caseA, caseB).length * USERS.length);
  });

  it('lists for each unit user only the cases of its unit and the units below it', async () => {
    const listed = async (user: User) => {
      const response = await fetch(`${stack.api.url}/api/cases?filter=${encodeURIComponent(JSON.stringify({ id: [caseA, caseB] }))}&range=[0,9]`, { headers: { authorization: `Bearer ${tokens.get(user)}` } });
      assert.equal(response.status, 200);
      return ((await response.json()) as { id: string }[]).map((c) => c.id).sort();
    };
    assert.deepEqual(await listed('dispatcher'), [caseA, caseB].sort());
    assert.deepEqual(await listed('handler'), [caseA]);
    assert.deepEqual(await listed('leader'), [caseA]);
    assert.deepEqual(await listed('donghu'), [caseB]);
    assert.deepEqual(await listed('jiefang'), [caseB]);
  });
});
