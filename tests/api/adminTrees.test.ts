// /api/units and /api/categories: the two trees an admin maintains, over real HTTP.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { testPrisma } from '../support/db';
import { startApi, type RunningApi } from '../support/http';
import { AdminApiClient, listQuery } from '../support/adminApi';

describe('admin API: unit and category trees', () => {
  let server: RunningApi;
  let api: AdminApiClient;
  const caseId = `2026112377${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  const createdUnits: string[] = [];
  const createdCategories: string[] = [];

  before(async () => {
    server = await startApi();
    api = new AdminApiClient(server.url);
    await api.login('admin', 'dispatcher', 'donghu', 'operator');
  });

  after(async () => {
    // Leave the shared database's trees as seeded (tests/prisma/seed.test.ts checks them).
    const prisma = testPrisma();
    await prisma.case.deleteMany({ where: { id: caseId } });
    for (const id of createdUnits.reverse()) await prisma.unit.deleteMany({ where: { id } });
    for (const id of createdCategories.reverse()) await prisma.category.deleteMany({ where: { id } });
    await server?.close();
  });

  const createUnit = async (body: Record<string, unknown>) => {
    const response = await api.post('/api/units', body, 'admin');
    if (response.status === 201) createdUnits.push(response.body.id);
    return response;
  };

  const createCategory = async (body: Record<string, unknown>) => {
    const response = await api.post('/api/categories', body, 'admin');
    if (response.status === 201) createdCategories.push(response.body.id);
    return response;
  };

  const visibleTo = async (user: string, title: string) => {
    const response = await api.get(`/api/cases${listQuery({ filter: { q: title } })}`, user);
    assert.equal(response.status, 200);
    return response.body.some((c: { id: string }) => c.id === caseId);
  };

  describe('units', () => {
    const a = () => `t-${api.run}-a`;
    const b = () => `t-${api.run}-b`;

    it('creates a unit under its parent with lineage and level computed, audited', async () => {
      const created = await createUnit({ code: a(), name: '测试街道', kind: 'street', parentId: 'xishan', dutyPhone: '+8653100000001', lineage: ['ignored'], reason: '新设街道' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual([created.body.id, created.body.level, created.body.lineage], [a(), 2, ['hotline', 'xishan', a()]]);
      const child = await createUnit({ code: b(), name: '测试社区', kind: 'street', parentId: a() });
      assert.deepEqual([child.body.level, child.body.lineage], [3, ['hotline', 'xishan', a(), b()]]);

      const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'unit', entityId: a() } });
      assert.deepEqual([audit.action, audit.actorId, audit.actorRole, audit.reason], ['unitCreated', 'user-admin', 'admin', '新设街道']);
      assert.deepEqual((audit.payload as { before: unknown; after: { lineage: string[] } }).before, null);
      assert.deepEqual((audit.payload as { after: { lineage: string[] } }).after.lineage, ['hotline', 'xishan', a()]);
    });

    it('refuses a duplicate code, a fourth level, an unknown parent and a second root', async () => {
      const duplicate = await createUnit({ code: a(), id: `t-${api.run}-other`, name: '重复', kind: 'street', parentId: 'xishan' });
      assert.equal(duplicate.status, 409);
      assert.deepEqual(duplicate.body.error.fields, { code: 'already taken' });
      const tooDeep = await createUnit({ code: `t-${api.run}-c`, name: '太深', kind: 'street', parentId: b() });
      assert.equal(tooDeep.status, 409);
      assert.equal(tooDeep.body.error.code, 'too_deep');
      const orphan = await createUnit({ code: `t-${api.run}-d`, name: '无上级', kind: 'street', parentId: 'no-such-unit' });
      assert.equal(orphan.status, 400);
      assert.deepEqual(orphan.body.error.fields, { parentId: 'no such unit' });
      const secondOffice = await createUnit({ code: `t-${api.run}-e`, name: '第二热线办', kind: 'hotlineOffice', parentId: 'hotline' });
      assert.deepEqual(secondOffice.body.error.fields, { kind: 'only the root is the hotline office' });
      assert.equal((await api.put('/api/units/hotline', { parentId: 'donghu' }, 'admin')).status, 409, 'the root does not move');
    });

    it('moves a subtree: lineage and level are recomputed below it, and unit-scoped case visibility follows', async () => {
      // Letters only: a unit's text search with three digits or more is refused (no identity oracle).
      const title = `测试移交${api.run.replace(/[0-9]/g, (digit) => 'ghijklmnop'[Number(digit)]!)}`;
      await testPrisma().case.create({
        data: { id: caseId, workflowId: caseId, channel: 'phone', caseTypeCode: 'complaint', status: 'dispatched', title, content: '测试', leadUnitId: b(), assignedUnitIds: [b()], receivedAt: new Date(), registeredAt: new Date() },
      });
      assert.equal(await visibleTo('donghu', title), false, 'a 西山区 case is not 东湖区’s');
      assert.equal(await visibleTo('dispatcher', title), true);

      const moved = await api.put(`/api/units/${a()}`, { parentId: 'donghu', reason: '区划调整' }, 'admin');
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.deepEqual([moved.body.parentId, moved.body.level, moved.body.lineage], ['donghu', 2, ['hotline', 'donghu', a()]]);
      const below = await api.get(`/api/units/${b()}`, 'operator');
      assert.deepEqual([below.body.level, below.body.lineage], [3, ['hotline', 'donghu', a(), b()]]);
      const subtree = await api.get(`/api/units${listQuery({ filter: { ancestorId: 'donghu' } })}`, 'operator');
      assert.ok([a(), b()].every((id) => subtree.body.some((u: { id: string }) => u.id === id)));
      assert.equal(await visibleTo('donghu', title), true, 'the case came along with its unit');

      const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'unit', entityId: a(), action: 'unitMoved' } });
      const payload = audit.payload as { before: { lineage: string[] }; after: { lineage: string[] }; subtreeRowsRewritten: number; changed: string[] };
      assert.equal(audit.reason, '区划调整');
      assert.deepEqual([payload.before.lineage, payload.after.lineage, payload.subtreeRowsRewritten], [['hotline', 'xishan', a()], ['hotline', 'donghu', a()], 2]);
      assert.ok(payload.changed.includes('parentId'));
    });

    it('refuses moving a unit under itself or its descendants (409), and too deep', async () => {
      for (const parentId of [a(), b()]) {
        const cycle = await api.put(`/api/units/${a()}`, { parentId }, 'admin');
        assert.equal(cycle.status, 409, parentId);
        assert.equal(cycle.body.error.code, 'tree_cycle');
      }
      const tooDeep = await api.put(`/api/units/${a()}`, { parentId: 'donghu-jiefang' }, 'admin');
      assert.equal(tooDeep.body.error.code, 'too_deep', 'its child would be level 4');
      assert.deepEqual((await api.get(`/api/units/${b()}`, 'admin')).body.lineage, ['hotline', 'donghu', a(), b()], 'nothing half-applied');
    });

    it('renames and changes the duty phone, refusing a malformed phone with the field', async () => {
      const renamed = await api.put(`/api/units/${a()}`, { name: '测试街道（新）', dutyPhone: '+8653100000002' }, 'admin');
      assert.deepEqual([renamed.status, renamed.body.name, renamed.body.dutyPhone], [200, '测试街道（新）', '+8653100000002']);
      const bad = await api.put(`/api/units/${a()}`, { dutyPhone: 'call me', name: '' }, 'admin');
      assert.equal(bad.status, 400);
      assert.deepEqual(Object.keys(bad.body.error.fields).sort(), ['dutyPhone', 'name']);
    });

    it('deactivates instead of deleting a unit in use, and deletes only an unused leaf', async () => {
      const inUse = await api.delete(`/api/units/${b()}`, 'admin');
      assert.equal(inUse.status, 409);
      assert.equal(inUse.body.error.code, 'in_use');
      assert.match(inUse.body.error.message, /1 cases.*deactivate it instead/);
      assert.equal((await api.delete(`/api/units/${a()}`, 'admin')).body.error.code, 'in_use', 'it has a sub-unit');

      const parentFirst = await api.put(`/api/units/${a()}`, { active: false }, 'admin');
      assert.equal(parentFirst.body.error.code, 'active_children');
      assert.equal((await api.put(`/api/units/${b()}`, { active: false, reason: '撤并' }, 'admin')).body.active, false);
      assert.equal((await api.put(`/api/units/${a()}`, { active: false }, 'admin')).body.active, false);
      assert.equal((await api.put(`/api/units/${b()}`, { active: true }, 'admin')).body.error.code, 'inactive_parent');
      const actives = await api.get(`/api/units${listQuery({ filter: { active: true, ancestorId: 'donghu' } })}`, 'admin');
      assert.ok(!actives.body.some((u: { id: string }) => u.id === a()));
      const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'unit', entityId: b(), action: 'unitDeactivated' } });
      assert.equal(audit.reason, '撤并');

      const leaf = await createUnit({ code: `t-${api.run}-leaf`, name: '误建单位', kind: 'department', parentId: 'hotline' });
      const deleted = await api.delete(`/api/units/${leaf.body.id}?reason=${encodeURIComponent('误建')}`, 'admin');
      assert.deepEqual([deleted.status, deleted.body.id], [200, leaf.body.id]);
      assert.equal((await api.get(`/api/units/${leaf.body.id}`, 'admin')).status, 404);
      const gone = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'unit', entityId: leaf.body.id, action: 'unitDeleted' } });
      assert.equal((gone.payload as { after: unknown }).after, null);
      assert.equal(gone.reason, '误建');

      assert.equal((await api.put('/api/units/hotline', { active: false }, 'admin')).status, 409);
      assert.equal((await api.delete('/api/units/hotline', 'admin')).status, 409);
      assert.equal((await api.put('/api/units/shengtai', { active: false }, 'admin')).body.error.code, 'in_use', 'categories default to it');
    });

    it('lets everyone read, only admins write; 404 for unknown ids; 400 for a bad list query', async () => {
      const list = await api.get(`/api/units${listQuery({ filter: { parentId: 'hotline' }, range: [0, 4], sort: ['code', 'ASC'] })}`, 'operator');
      assert.equal(list.status, 200);
      assert.equal(list.body.length, 5);
      assert.match(list.headers.get('content-range')!, /^units 0-4\/\d+$/);
      const codes = list.body.map((u: { code: string }) => u.code);
      assert.deepEqual(codes, [...codes].sort());
      const many = await api.get(`/api/units${listQuery({ filter: { id: ['donghu', 'xishan'] } })}`, 'operator');
      assert.deepEqual(many.body.map((u: { id: string }) => u.id).sort(), ['donghu', 'xishan']);
      assert.equal((await api.post('/api/units', { code: 'x', name: 'x', kind: 'street', parentId: 'hotline' }, 'dispatcher')).status, 403);
      assert.equal((await api.put('/api/units/donghu', { name: 'x' }, 'operator')).status, 403);
      assert.equal((await api.delete('/api/units/donghu', 'dispatcher')).status, 403);
      assert.equal((await api.get('/api/units', null)).status, 401);
      assert.equal((await api.get('/api/units/no-such-unit', 'operator')).status, 404);
      assert.equal((await api.put('/api/units/no-such-unit', { name: '无' }, 'admin')).status, 404);
      const bad = await api.get('/api/units?filter={oops&range=[5,1]', 'operator');
      assert.equal(bad.status, 400);
      assert.deepEqual(Object.keys(bad.body.error.fields).sort(), ['filter', 'range']);
      const unknownFilter = await api.get(`/api/units${listQuery({ filter: { color: 'red' } })}`, 'operator');
      assert.equal(unknownFilter.status, 400);
    });
  });

  describe('categories', () => {
    const code = (name: string) => `t${api.run}.${name}`;

    it('creates, moves (lineages below follow, roots allowed), refuses cycles, and checks the default unit', async () => {
      const badUnit = await createCategory({ code: code('bad'), name: '坏', defaultUnitId: 'no-such-unit' });
      assert.equal(badUnit.status, 400);
      assert.deepEqual(badUnit.body.error.fields, { defaultUnitId: 'no such active unit' });

      const parent = (await createCategory({ code: code('parent'), name: '测试大类', defaultUnitId: 'chengguan' })).body;
      assert.deepEqual([parent.id, parent.parentId, parent.lineage], [`cat-${code('parent')}`, null, [`cat-${code('parent')}`]]);
      const child = (await createCategory({ code: code('child'), name: '测试小类', parentId: parent.id })).body;
      const grandchild = (await createCategory({ code: code('grandchild'), name: '测试细类', parentId: child.id })).body;
      assert.deepEqual(grandchild.lineage, [parent.id, child.id, grandchild.id]);

      const cycle = await api.put(`/api/categories/${parent.id}`, { parentId: grandchild.id }, 'admin');
      assert.equal(cycle.status, 409);
      assert.equal(cycle.body.error.code, 'tree_cycle');

      const moved = await api.put(`/api/categories/${child.id}`, { parentId: 'cat-urban', defaultUnitId: 'donghu', reason: '归入城市管理' }, 'admin');
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.deepEqual([moved.body.lineage, moved.body.defaultUnitId], [['cat-urban', child.id], 'donghu']);
      assert.deepEqual((await api.get(`/api/categories/${grandchild.id}`, 'operator')).body.lineage, ['cat-urban', child.id, grandchild.id]);
      const underUrban = await api.get(`/api/categories${listQuery({ filter: { ancestorId: 'cat-urban' } })}`, 'operator');
      assert.ok(underUrban.body.some((c: { id: string }) => c.id === grandchild.id));

      const toRoot = await api.put(`/api/categories/${child.id}`, { parentId: null }, 'admin');
      assert.deepEqual(toRoot.body.lineage, [child.id]);
      assert.deepEqual((await api.get(`/api/categories/${grandchild.id}`, 'operator')).body.lineage, [child.id, grandchild.id]);
      const audit = await testPrisma().auditEvent.findMany({ where: { entityType: 'category', entityId: child.id, action: 'categoryMoved' }, orderBy: { id: 'asc' } });
      assert.equal(audit.length, 2);
      assert.equal(audit[0]!.reason, '归入城市管理');
    });

    it('deactivates instead of deleting a category in use, and deletes an unused leaf', async () => {
      const child = `cat-${code('child')}`;
      const grandchild = `cat-${code('grandchild')}`;
      assert.equal((await api.delete(`/api/categories/${child}`, 'admin')).body.error.code, 'in_use');
      assert.equal((await api.put(`/api/categories/${child}`, { active: false }, 'admin')).body.error.code, 'active_children');
      const deleted = await api.delete(`/api/categories/${grandchild}`, 'admin');
      assert.deepEqual([deleted.status, deleted.body.id], [200, grandchild]);
      assert.equal((await api.put(`/api/categories/${child}`, { active: false }, 'admin')).body.active, false);
      assert.equal((await api.delete('/api/categories/cat-urban', 'admin')).body.error.code, 'in_use', 'seeded policies, articles or cases use it');
      assert.equal((await api.put('/api/categories/cat-urban', { name: 'x' }, 'dispatcher')).status, 403);
      assert.equal((await api.get('/api/categories/no-such', 'operator')).status, 404);
    });
  });
});
