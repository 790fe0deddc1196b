// The system administrator's screens in Chromium, against the real API: the units tree (create
// below a parent, a move into the own subtree refused in place), users (the password policy
// before sending), a deadline policy, a calendar day, a knowledge article through its review
// (written by an operator, published by the admin), and an SMS template with its preview.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { AdminApiClient, listQuery, type JsonResponse } from '../support/adminApi';
import { screenshot, useConsoleStack } from '../support/console';
import { testPrisma } from '../support/db';

describe('admin screens (Chromium)', () => {
  const stack = useConsoleStack();
  let api: AdminApiClient;

  before(async () => {
    api = new AdminApiClient(stack.api.url);
    await api.login('admin', 'operator');
  });

  // Other test files may share this run's database: what a test changes in shared rules
  // (a policy, a setting, a calendar day, a template) is put back after it.
  const undo: (() => Promise<JsonResponse>)[] = [];
  afterEach(async () => {
    for (const step of undo.splice(0).reverse()) {
      const restored = await step();
      assert.equal(restored.status, 200, JSON.stringify(restored.body));
    }
  });

  const open = async (page: Page, hashPath: string) => {
    await page.goto(`${stack.api.url}/#${hashPath}`);
  };

  /**
   * Picks an option of a react-admin AutocompleteInput by typing part of its text. On an edit
   * page the field holds the current value, which one fill typed after instead of replacing
   * (the search then looked for both texts): it is emptied first. Clicks only once the search
   * for exactly the text has answered: an option of the unfiltered list is replaced under the
   * click (CI once saw that click wait on a detached option until its timeout).
   */
  const pick = async (page: Page, label: string, text: string, option: string | RegExp) => {
    const input = page.getByRole('combobox', { name: new RegExp(`^${label}`) });
    await page.waitForLoadState('networkidle');
    const searched = page.waitForResponse((response) => decodeURIComponent(response.url()).includes(`"q":${JSON.stringify(text)}`));
    await input.fill('');
    await input.fill(text);
    await searched;
    await page.getByRole('option', { name: option }).click();
  };

  it('opens on the admin home: coverage warning as /healthz reports it, shortcuts, system status', async () => {
    const health = (await (await fetch(`${stack.api.url}/healthz`)).json()) as { checks: { calendar: { warning?: unknown } } };
    const page = await stack.signedIn('admin');
    await page.getByTestId('admin-shortcuts').waitFor();
    await page.getByText('数据库（PostgreSQL）').waitFor();
    if (health.checks.calendar.warning) await page.getByTestId('calendar-coverage-warning').waitFor();
    else assert.equal(await page.getByTestId('calendar-coverage-warning').count(), 0);
    await screenshot(page, 'admin-home');
    await page.getByTestId('admin-shortcuts').getByRole('link', { name: '工作日历' }).click();
    await page.getByTestId('calendar-year').waitFor();
  });

  it('shows 城管局 under the office and a new unit created under it', async () => {
    const page = await stack.signedIn('admin');
    await open(page, '/units');
    const chengguan = page.getByTestId('unit-node-hotline').getByTestId('unit-node-chengguan');
    await chengguan.getByRole('link', { name: '市城市管理局', exact: true }).waitFor();

    await page.getByTestId('add-below-chengguan').click();
    const code = `squad-${api.run}`;
    await page.getByRole('textbox', { name: /^名称/ }).fill(`城管测试中队${api.run}`);
    await page.getByRole('textbox', { name: /^代码/ }).fill(code);
    await page.getByLabel('变更原因').fill('新设中队');
    await page.getByRole('button', { name: '保存' }).click();

    await chengguan.getByTestId(`unit-node-${code}`).getByText(`城管测试中队${api.run}`).waitFor();
    const created = await api.get(`/api/units/${code}`, 'admin');
    assert.equal(created.body.parentId, 'chengguan');
    assert.equal(created.body.level, 2);
    await screenshot(page, 'admin-units');
  });

  it('refuses a move of a unit into its own subtree, in place, keeping the form', async () => {
    const child = `loop-${api.run}`;
    const made = await api.post('/api/units', { code: child, name: `循环测试${api.run}`, kind: 'subBureau', parentId: 'chengguan' }, 'admin');
    assert.equal(made.status, 201, JSON.stringify(made.body));

    const page = await stack.signedIn('admin');
    await open(page, '/units/chengguan');
    await pick(page, '上级单位', `循环测试${api.run}`, `循环测试${api.run}`);
    await page.getByRole('button', { name: '保存' }).click();

    await page.getByTestId('form-refusal').filter({ hasText: '不能移动到它自己或其下级之下' }).waitFor();
    await page.getByText('不能移到自身或其下级之下').waitFor(); // the API's field error, in Chinese
    assert.equal(await page.getByRole('combobox', { name: /^上级单位/ }).inputValue(), `循环测试${api.run}`);
    assert.equal((await api.get('/api/units/chengguan', 'admin')).body.parentId, 'hotline');
  });

  it('shows the password policy in place on a weak initial password and keeps the values', async () => {
    const page = await stack.signedIn('admin');
    await open(page, '/users/create');
    const username = `clerk${api.run}`;
    await page.getByRole('textbox', { name: /^用户名/ }).fill(username);
    await page.getByLabel(/^初始密码/).fill('abc123');
    await page.getByRole('textbox', { name: /^姓名/ }).fill('测试话务员');
    await page.getByRole('checkbox', { name: '话务员' }).check();
    await pick(page, '所属单位', '热线', /热线办公室/);
    await page.getByRole('button', { name: '保存' }).click();

    await page.getByText('密码至少 10 位').waitFor();
    assert.equal(await page.getByRole('textbox', { name: /^用户名/ }).inputValue(), username);
    assert.equal(await page.getByRole('textbox', { name: /^姓名/ }).inputValue(), '测试话务员');
    assert.ok(await page.getByRole('checkbox', { name: '话务员' }).isChecked());

    // Long enough but built from the username: the policy's last rule.
    await page.getByLabel(/^初始密码/).fill(`${username}-Secret9`);
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('密码不能包含用户名').waitFor();

    await page.getByLabel(/^初始密码/).fill('Str0ng!Passw0rd');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('row', { name: new RegExp(username) }).waitFor();
    const users = await api.get(`/api/users${listQuery({ filter: { q: username } })}`, 'admin');
    assert.deepEqual(users.body.map((user: { roles: string[]; unitId: string }) => [user.roles, user.unitId]), [[['operator'], 'hotline']]);
  });

  it("refuses an admin's removal of their own admin role in place, then changes another user's roles and unit", async () => {
    const page = await stack.signedIn('admin');
    await open(page, '/users/user-admin');
    await page.getByRole('checkbox', { name: '审计员' }).check();
    await page.getByRole('checkbox', { name: '系统管理员' }).uncheck();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('form-refusal').filter({ hasText: '不能停用自己的账号或去掉自己的管理员角色' }).waitFor();
    assert.ok(await page.getByRole('checkbox', { name: '审计员' }).isChecked());
    assert.deepEqual((await api.get('/api/users/user-admin', 'admin')).body.roles, ['admin']);

    const made = await api.post('/api/users', { username: `mover${api.run}`, displayName: '调岗测试', roles: ['unitHandler'], unitId: 'donghu-jiefang', password: 'Str0ng!Passw0rd' }, 'admin');
    assert.equal(made.status, 201, JSON.stringify(made.body));
    await open(page, `/users/${made.body.id}`);
    await page.getByRole('checkbox', { name: '承办单位领导' }).check();
    await pick(page, '所属单位', '文化路', '文化路街道');
    await page.getByRole('textbox', { name: /^变更原因/ }).fill('调岗');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('row', { name: new RegExp(`mover${api.run}`) }).waitFor();
    const moved = (await api.get(`/api/users/${made.body.id}`, 'admin')).body;
    assert.deepEqual([moved.roles, moved.unitId], [['unitHandler', 'unitLeader'], 'donghu-wenhua']);
  });

  it('resets a user’s password and deactivates the user, each with a reason', async () => {
    const username = `reset${api.run}`;
    const created = await api.post('/api/users', { username, displayName: '重置测试', roles: ['operator'], unitId: 'hotline', password: 'First!Passw0rd', reason: '测试账号' }, 'admin');
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const page = await stack.signedIn('admin');
    await open(page, `/users/${created.body.id}`);

    await page.getByTestId('reset-password').click();
    const reset = page.getByRole('dialog');
    await reset.getByLabel(/^初始密码/).fill('Second!Passw0rd');
    await reset.getByLabel('变更原因').fill('用户忘记密码');
    await reset.getByRole('button', { name: '确认' }).click();
    await reset.waitFor({ state: 'detached' });
    assert.equal((await api.loginWith(username, 'Second!Passw0rd')).status, 200, 'the new password signs in');

    await page.getByTestId('toggle-active').click();
    const deactivate = page.getByRole('dialog');
    await deactivate.getByLabel('变更原因').fill('人员离职');
    await deactivate.getByRole('button', { name: '确认' }).click();
    await deactivate.waitFor({ state: 'detached' });
    assert.equal((await api.get(`/api/users/${created.body.id}`, 'admin')).body.active, false);
    const audit = await testPrisma().auditEvent.findMany({ where: { entityType: 'user', entityId: created.body.id }, orderBy: { id: 'asc' }, select: { reason: true } });
    assert.deepEqual(audit.map((row) => row.reason).slice(-2), ['用户忘记密码', '人员离职']);
  });

  it('edits a deadline policy, checking its warning ratio first', async () => {
    const policies = await api.get(`/api/policies${listQuery({ filter: { clock: 'assistOpinion', active: true } })}`, 'admin');
    const policy = policies.body[0];
    assert.ok(policy, 'a seeded assist-opinion policy');
    undo.push(() => api.put(`/api/policies/${policy.id}`, { amount: policy.amount, warnRatio: policy.warnRatio, reason: 'test restores' }, 'admin'));

    const page = await stack.signedIn('admin');
    await open(page, `/policies/${policy.id}`);
    await page.getByLabel('预警比例').fill('1.5');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('介于 0 和 1 之间，最多三位小数').waitFor();

    await page.getByLabel('预警比例').fill('');
    await page.getByRole('spinbutton', { name: /^时限\s*\*?$/ }).fill(String(policy.amount + 1));
    await page.getByLabel('变更原因').fill('协办意见多给一天');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('columnheader', { name: /计时项/ }).waitFor();

    const after = (await api.get(`/api/policies/${policy.id}`, 'admin')).body;
    assert.equal(after.amount, policy.amount + 1);
    assert.equal(after.warnRatio, null);
  });

  it("shows a rule setting's validation errors from the API in place, then saves it", async () => {
    const before = (await api.get('/api/rule-settings/repeatComplaints.detection', 'admin')).body;
    undo.push(() => api.put('/api/rule-settings/repeatComplaints.detection', { value: before.value, reason: 'test restores' }, 'admin'));
    const page = await stack.signedIn('admin');
    await open(page, '/rule-settings/repeatComplaints.detection');
    const value = page.getByRole('textbox', { name: /^取值（JSON）/ });
    await value.fill('{"minCases": 1, "windowDays": 30');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('不是有效的 JSON').waitFor();

    // Valid JSON the key's schema refuses: the API names the path inside the value.
    await value.fill('{"minCases": 1, "windowDays": 30}');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('minCases: 不能小于 2').waitFor(); // the API's message, in Chinese
    assert.deepEqual((await api.get('/api/rule-settings/repeatComplaints.detection', 'admin')).body.value, before.value);

    await value.fill('{"minCases": 3, "windowDays": 45}');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('columnheader', { name: /参数/ }).first().waitFor();
    assert.deepEqual((await api.get('/api/rule-settings/repeatComplaints.detection', 'admin')).body.value, { minCases: 3, windowDays: 45 });
  });

  it('creates a category under a parent with its default unit, shown in the tree', async () => {
    const categories = await api.get(`/api/categories${listQuery({ filter: { parentId: null, active: true } })}`, 'admin');
    const parent = categories.body[0];
    const page = await stack.signedIn('admin');
    await open(page, '/categories');
    await page.getByTestId(`add-below-${parent.id}`).click();
    await page.getByRole('textbox', { name: /^名称/ }).fill(`共享单车乱停${api.run}`);
    await page.getByRole('textbox', { name: /^代码/ }).fill(`bikes-${api.run}`);
    await pick(page, '默认承办单位', '城市管理', /^市城市管理局$/);
    await page.getByRole('button', { name: '保存' }).click();

    const node = page.getByTestId(`category-node-${parent.id}`).getByTestId(`category-node-cat-bikes-${api.run}`);
    await node.getByText('市城市管理局').waitFor();
    const created = (await api.get(`/api/categories/cat-bikes-${api.run}`, 'admin')).body;
    assert.deepEqual([created.parentId, created.defaultUnitId], [parent.id, 'chengguan']);
  });

  it('toggles a calendar day to a holiday in the year view, with the coverage warning shown', async () => {
    const health = (await (await fetch(`${stack.api.url}/healthz`)).json()) as { checks: { calendar: { warning?: unknown } } };
    const page = await stack.signedIn('admin');
    await open(page, '/calendar');
    const year = page.getByTestId('calendar-year');
    await year.waitFor();
    while (Number(await year.innerText()) !== 2026) {
      await page.getByRole('button', { name: Number(await year.innerText()) > 2026 ? '上一年' : '下一年' }).click();
    }
    if (health.checks.calendar.warning) await page.getByTestId('calendar-coverage-warning').waitFor();
    else assert.equal(await page.getByTestId('calendar-coverage-warning').count(), 0);

    // National Day is marked, and so is the Sunday worked for it (调休). Waited for: the year's
    // label shows before its days have loaded (CI once read 1 October as a plain day).
    await page.locator('[data-testid="day-2026-10-01"][data-kind="holiday"]').waitFor();
    await page.locator('[data-testid="day-2026-09-20"][data-kind="adjustedWorkday"]').waitFor();

    undo.push(() => api.put('/api/calendar/2026-12-15', { isWorkingDay: true, name: null, reason: 'test restores' }, 'admin'));
    const day = page.getByTestId('day-2026-12-15');
    assert.equal(await day.getAttribute('data-kind'), 'workday');
    await day.click();
    await page.getByLabel('名称（如 国庆节）').fill('测试假日');
    await page.getByLabel('变更原因').fill('市政府临时放假');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('[data-testid="day-2026-12-15"][data-kind="holiday"]').waitFor();
    // The open cases are told in the background; the page follows the broadcast to its end.
    await page.getByTestId('rules-broadcast').getByText('在办工单已全部收到最近一次规则变更（调整日历 2026-12-15）', { exact: false }).waitFor({ timeout: 60_000 });

    const december = await api.get('/api/calendar?year=2026', 'admin');
    const changed = december.body.days.find((d: { date: string }) => d.date === '2026-12-15');
    assert.deepEqual([changed.isWorkingDay, changed.name, changed.source], [false, '测试假日', 'admin']);
    await screenshot(page, 'admin-calendar');
  });

  it('opens by hand the year after the covered ones, Monday to Friday, ready for the notice, and removes it again', async () => {
    const covered: number[] = (await api.get('/api/calendar?year=2026', 'admin')).body.coveredYears;
    const next = Math.max(...covered) + 1;
    // Other suites share this database and read its coverage: the year is removed afterwards.
    undo.push(async () => {
      await testPrisma().calendarDay.deleteMany({ where: { date: { gte: new Date(`${next}-01-01`), lte: new Date(`${next}-12-31`) } } });
      await testPrisma().calendarYear.deleteMany({ where: { year: next } });
      return api.get(`/api/calendar?year=${next}`, 'admin');
    });
    const page = await stack.signedIn('admin');
    await open(page, '/calendar');
    const year = page.getByTestId('calendar-year');
    await year.waitFor();
    while (Number(await year.innerText()) !== next) {
      await page.getByRole('button', { name: Number(await year.innerText()) > next ? '上一年' : '下一年' }).click();
    }
    await page.getByTestId('year-not-covered').waitFor();
    await page.getByTestId('open-year').click();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('必填').waitFor(); // the reason, before anything is sent
    await page.getByLabel('变更原因').fill('国务院放假通知已发布，chinese-days 尚未收录');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('year-not-covered').waitFor({ state: 'detached' });
    const firstMonday = [1, 2, 3, 4, 5, 6, 7].map((d) => `${next}-01-0${d}`).find((date) => new Date(`${date}T00:00:00Z`).getUTCDay() === 1)!;
    assert.equal(await page.getByTestId(`day-${firstMonday}`).getAttribute('data-kind'), 'workday');
    assert.deepEqual((await api.get(`/api/calendar?year=${next}`, 'admin')).body.coveredYears.includes(next), true);

    // And the way back: the last covered year is removed with a reason.
    await page.getByTestId('remove-year').click();
    await page.getByLabel('变更原因').fill('测试结束，删除手工建立的年份');
    await page.getByRole('button', { name: '确认' }).click();
    await page.getByTestId('year-not-covered').waitFor();
    assert.deepEqual((await api.get(`/api/calendar?year=${next}`, 'admin')).body.coveredYears.includes(next), false);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'calendarYear', entityId: String(next), action: 'calendarYearRemoved' }, orderBy: { id: 'desc' } });
    assert.equal(audit.reason, '测试结束，删除手工建立的年份');
  });

  it('publishes a draft an operator wrote and submitted', async () => {
    const title = `如何办理测试证明${api.run}？`;
    const operator = await stack.signedIn('operator');
    await open(operator, '/knowledge/create');
    await operator.getByRole('textbox', { name: /^标题（问题）/ }).fill(title);
    await operator.getByRole('textbox', { name: /^答复内容/ }).fill('携带身份证到社区服务中心办理。');
    await operator.getByRole('button', { name: '保存' }).click();
    await operator.getByTestId('article-submit').click();
    await operator.getByRole('button', { name: '确认' }).click();
    await operator.locator('[data-testid="article-status"][data-status="inReview"]').waitFor();

    const found = await api.get(`/api/knowledge${listQuery({ filter: { q: title } })}`, 'admin');
    const articleId: string = found.body[0].id;

    const admin = await stack.signedIn('admin');
    await open(admin, '/knowledge');
    await admin.getByRole('row', { name: new RegExp(title.replace('？', '')) }).click();
    await admin.getByTestId('article-publish').click();
    await admin.getByRole('button', { name: '确认' }).click();
    await admin.locator('[data-testid="article-status"][data-status="published"]').waitFor();
    assert.equal((await api.get(`/api/knowledge/${articleId}`, 'operator')).body.status, 'published');
  });

  it('edits an SMS template with its placeholders checked and previewed', async () => {
    const templates = await api.get('/api/templates', 'admin');
    const template = templates.body.find((row: { placeholders: string[] }) => row.placeholders.length > 0);
    assert.ok(template, 'a template with placeholders');
    undo.push(() => api.put(`/api/templates/${template.id}`, { body: template.body, reason: 'test restores' }, 'admin'));

    const page = await stack.signedIn('admin');
    await open(page, `/templates/${template.id}`);
    const body = page.getByRole('textbox', { name: /^中文内容/ });
    await body.fill(`${template.body}{nosuch}`);
    await page.getByTestId('preview-body').locator('[data-placeholder="nosuch"]').waitFor();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('不支持的占位符：nosuch').waitFor();

    const text = `【测试】您的诉求已受理，编号{${template.placeholders[0]}}。`;
    await body.fill(text);
    await page.getByTestId('preview-body').locator(`[data-placeholder="${template.placeholders[0]}"]`).waitFor();
    await page.getByLabel('变更原因').fill('改写回执');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('row', { name: new RegExp(template.id) }).waitFor();
    assert.equal((await api.get(`/api/templates/${template.id}`, 'admin')).body.body, text);
  });
});
