// /api/knowledge: drafting, four-eyes review, revisions of published articles, and Chinese
// search for operators, over real HTTP.
import assert from 'node:assert/strict';
import { testPrisma } from '../support/db';
import { startApi, type RunningApi } from '../support/http';
import { AdminApiClient, listQuery } from '../support/adminApi';
import { containsPattern, searchTerms } from '../../api/knowledge/search';

describe('knowledge base', () => {
  let server: RunningApi;
  let api: AdminApiClient;
  /** A second admin, so that someone other than the writer can publish. */
  const reviewer = () => `t${api.run}-reviewer`;
  const REVIEWER_PASSWORD = 'Review#Board2026';
  // Unique per run: the phrase the search tests look for.
  const licence = () => `营业执照${api.run}`;

  before(async () => {
    server = await startApi();
    api = new AdminApiClient(server.url);
    await api.login('admin', 'operator', 'dispatcher', 'handler', 'auditor');
    const created = await api.post('/api/users', { username: reviewer(), displayName: '知识库审核员', password: REVIEWER_PASSWORD, roles: ['admin'], unitId: 'hotline' }, 'admin');
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await api.loginWith(reviewer(), REVIEWER_PASSWORD);
  });

  after(async () => {
    await testPrisma().user.update({ where: { id: `user-${reviewer()}` }, data: { active: false } });
    await server?.close();
  });

  const draft = (overrides: Record<string, unknown> = {}) => ({
    title: `个体工商户${licence()}如何办理？`,
    categoryId: 'cat-market',
    keywords: [licence(), '个体户'],
    answers: [{ body: '携带经营者身份证原件和经营场所使用证明，到区政务服务中心市场监管窗口办理，当场审核。' }, { body: '也可在“示范市政务服务网”在线提交申请，审核通过后邮寄送达。' }],
    ...overrides,
  });
  const search = (q: string, user = 'operator') => api.get(`/api/knowledge/search?q=${encodeURIComponent(q)}`, user);
  const found = async (q: string, id: string, user = 'operator') => (await search(q, user)).body.some((a: { id: string }) => a.id === id);

  it('splits a query into terms and escapes LIKE wildcards', () => {
    assert.deepEqual(searchTerms('居住证  办理，社保？'), ['居住证', '办理', '社保']);
    assert.equal(containsPattern('100%_a\\b'), '%100\\%\\_a\\\\b%');
  });

  let articleId: string;

  it('an operator drafts an article with several answers; drafts are not searchable and not shown to units', async () => {
    const bad = await api.post('/api/knowledge', { title: '', answers: [], categoryId: 'no-such' }, 'operator');
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys(bad.body.error.fields).sort(), ['answers', 'title']);
    const unknownCategory = await api.post('/api/knowledge', draft({ categoryId: 'cat-nothing' }), 'operator');
    assert.deepEqual(unknownCategory.body.error.fields, { categoryId: 'no such active category' });
    assert.equal((await api.post('/api/knowledge', draft(), 'handler')).status, 403);
    // An answer is its text: keys beside it (a fuzzer's, or a client's guess at ids) are refused
    // by name rather than dropped, and nothing is written.
    const articlesBefore = await testPrisma().knowledgeArticle.count();
    const extraKeys = await api.post('/api/knowledge', draft({ answers: [{ body: '答复', id: 'kb-1-1', sortOrder: 'x' }] }), 'operator');
    assert.equal(extraKeys.status, 400, JSON.stringify(extraKeys.body));
    assert.deepEqual(Object.keys(extraKeys.body.error.fields), ['answers.0']);
    assert.equal((await api.post('/api/knowledge', { ...draft(), status: 'published' }, 'operator')).status, 400, 'no status beside the text either');
    assert.equal(await testPrisma().knowledgeArticle.count(), articlesBefore);

    const created = await api.post('/api/knowledge', draft({ reason: '新增常见问题' }), 'operator');
    assert.equal(created.status, 201, JSON.stringify(created.body));
    articleId = created.body.id;
    assert.deepEqual([created.body.status, created.body.createdById, created.body.answers.length, created.body.answers[1].sortOrder], ['draft', 'user-operator', 2, 1]);
    assert.equal(await found(licence(), articleId), false);
    assert.equal((await api.get(`/api/knowledge/${articleId}`, 'handler')).status, 404, 'units see published articles only');
    assert.equal((await api.get(`/api/knowledge/${articleId}`, 'auditor')).status, 200);
    const drafts = await api.get(`/api/knowledge${listQuery({ filter: { status: 'draft', createdById: 'user-operator' } })}`, 'operator');
    assert.ok(drafts.body.some((a: { id: string }) => a.id === articleId));
    const edited = await api.put(`/api/knowledge/${articleId}`, draft({ keywords: [licence(), '个体户', '个体户'] }), 'operator');
    assert.deepEqual(edited.body.keywords, [licence(), '个体户']);
  });

  it('the review step: submitted, sent back with a reason, resubmitted, published by another admin; the author cannot publish (403)', async () => {
    assert.equal((await api.post(`/api/knowledge/${articleId}/publish`, {}, 'admin')).status, 409, 'a draft is submitted first');
    const submitted = await api.post(`/api/knowledge/${articleId}/submit`, {}, 'operator');
    assert.deepEqual([submitted.status, submitted.body.status, submitted.body.submittedById], [200, 'inReview', 'user-operator']);
    const editInReview = await api.put(`/api/knowledge/${articleId}`, draft(), 'operator');
    assert.equal(editInReview.status, 409);
    assert.equal(editInReview.body.error.code, 'invalid_state');
    assert.equal((await api.post(`/api/knowledge/${articleId}/publish`, {}, 'operator')).status, 403, 'operators do not publish');

    const noReason = await api.post(`/api/knowledge/${articleId}/send-back`, {}, 'admin');
    assert.deepEqual(noReason.body.error.fields, { reason: 'required' });
    const sentBack = await api.post(`/api/knowledge/${articleId}/send-back`, { reason: '请补充办理时限' }, 'admin');
    assert.deepEqual([sentBack.body.status, sentBack.body.reviewComment, sentBack.body.reviewedById], ['draft', '请补充办理时限', 'user-admin']);

    // The admin now edits the text and so becomes one of its writers.
    const answers = [...draft().answers, { body: '材料齐全的，1个工作日内办结。' }];
    assert.equal((await api.put(`/api/knowledge/${articleId}`, draft({ answers }), 'admin')).body.answers.length, 3);
    assert.equal((await api.post(`/api/knowledge/${articleId}/submit`, {}, 'operator')).body.reviewComment, null);
    const own = await api.post(`/api/knowledge/${articleId}/publish`, {}, 'admin');
    assert.equal(own.status, 403);
    assert.equal(own.body.error.code, 'four_eyes');

    const published = await api.post(`/api/knowledge/${articleId}/publish`, { reason: '审核通过' }, reviewer());
    assert.equal(published.status, 200, JSON.stringify(published.body));
    assert.deepEqual([published.body.status, published.body.reviewedById], ['published', `user-${reviewer()}`]);
    assert.ok(published.body.publishedAt);

    const trail = await testPrisma().auditEvent.findMany({ where: { entityType: 'knowledgeArticle', entityId: articleId }, orderBy: { id: 'asc' } });
    assert.deepEqual(trail.map((e) => e.action), ['articleCreated', 'articleUpdated', 'articleSubmitted', 'articleSentBack', 'articleUpdated', 'articleSubmitted', 'articlePublished']);
    const sentBackEvent = trail[3]!;
    assert.deepEqual([sentBackEvent.reason, (sentBackEvent.payload as { before: { status: string } }).before.status, (sentBackEvent.payload as { after: { status: string } }).after.status], ['请补充办理时限', 'inReview', 'draft']);
  });

  it('operators (and units) find a published article by a Chinese phrase from its title or answers', async () => {
    const byTitle = await search(licence());
    assert.equal(byTitle.status, 200);
    assert.equal(byTitle.body[0].id, articleId);
    assert.equal(byTitle.body[0].matchedBy, 'text');
    assert.equal(byTitle.body[0].answers.length, 3);
    assert.equal(await found(`${licence()} 市场监管窗口`, articleId), true, 'every term matches: one in the title, one in an answer');
    assert.equal(await found(`${licence()}，邮寄送达`, articleId), true);
    const partly = await search(`${licence()} 火星`);
    assert.ok(partly.body.every((a: { matchedBy: string }) => a.matchedBy === 'similarTitle'), 'a term found nowhere: no literal match (similar titles only)');
    assert.equal(await found(`${licence()} 个体户`, articleId, 'handler'), true, 'a keyword counts');
    const inCategory = await api.get(`/api/knowledge/search?q=${encodeURIComponent(licence())}&categoryId=cat-market`, 'operator');
    assert.equal(inCategory.body.length, 1);
    const otherCategory = await api.get(`/api/knowledge/search?q=${encodeURIComponent(licence())}&categoryId=cat-urban`, 'operator');
    assert.equal(otherCategory.body.length, 0);
    assert.ok((await search('居住证')).body.some((a: { id: string }) => a.id === 'kb-residence-permit'), 'seeded articles too');
    const differentWording = await search('居住证怎么办');
    assert.equal(differentWording.body[0]?.id, 'kb-residence-permit', 'a similar title when nothing matches literally');
    assert.equal(differentWording.body[0]?.matchedBy, 'similarTitle');
    assert.deepEqual((await search('%')).body, [], 'a wildcard is only a character');
    assert.equal((await api.get('/api/knowledge/search', 'operator')).status, 400);
    assert.equal((await api.get('/api/knowledge/search?q=x', null)).status, 401);
  });

  it('a published article changes through a revision that replaces it when published; operators keep the old text meanwhile', async () => {
    const direct = await api.put(`/api/knowledge/${articleId}`, draft(), 'operator');
    assert.equal(direct.status, 409);
    assert.match(direct.body.error.message, /revision/);

    const revision = await api.post(`/api/knowledge/${articleId}/revisions`, { reason: '办理地点变更' }, 'operator');
    assert.equal(revision.status, 201, JSON.stringify(revision.body));
    assert.deepEqual([revision.body.status, revision.body.revisionOfId, revision.body.answers.length], ['draft', articleId, 3]);
    assert.equal((await api.post(`/api/knowledge/${articleId}/revisions`, {}, 'operator')).body.error.code, 'revision_exists');
    assert.equal((await api.get(`/api/knowledge/${articleId}`, 'operator')).body.revisionId, revision.body.id);

    const newTitle = `${licence()}在哪里办理？`;
    await api.put(`/api/knowledge/${revision.body.id}`, draft({ title: newTitle, answers: [{ body: '即日起到市民中心二楼市场监管窗口办理。' }] }), 'operator');
    assert.equal((await search(licence())).body[0].title, `个体工商户${licence()}如何办理？`, 'the published text still answers');
    await api.post(`/api/knowledge/${revision.body.id}/submit`, {}, 'operator');
    const published = await api.post(`/api/knowledge/${revision.body.id}/publish`, {}, 'admin');
    assert.equal(published.status, 200, JSON.stringify(published.body));
    assert.deepEqual([published.body.id, published.body.title, published.body.status, published.body.answers.map((a: { body: string }) => a.body), published.body.revisionId], [articleId, newTitle, 'published', ['即日起到市民中心二楼市场监管窗口办理。'], null]);
    assert.equal((await api.get(`/api/knowledge/${revision.body.id}`, 'operator')).status, 404, 'the revision is folded in');
    assert.equal(await found('市民中心二楼', articleId), true);
    assert.equal(await found('邮寄送达', articleId), false);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'knowledgeArticle', entityId: articleId }, orderBy: { id: 'desc' } });
    assert.equal(audit.action, 'articlePublished');
    assert.equal((audit.payload as { fromRevision: string }).fromRevision, revision.body.id);
  });

  it('retires a published article (admins, with a reason); drafts are deleted by their author or an admin', async () => {
    assert.equal((await api.post(`/api/knowledge/${articleId}/retire`, {}, 'admin')).status, 400);
    assert.equal((await api.post(`/api/knowledge/${articleId}/retire`, { reason: '政策废止' }, 'operator')).status, 403);
    const retired = await api.post(`/api/knowledge/${articleId}/retire`, { reason: '政策废止' }, 'admin');
    assert.equal(retired.body.status, 'retired');
    assert.equal(await found(licence(), articleId), false);
    assert.equal((await api.delete(`/api/knowledge/${articleId}`, 'admin')).status, 409, 'what was published stays, retired');

    const scratch = (await api.post('/api/knowledge', draft({ title: '草稿' }), 'admin')).body;
    assert.equal((await api.delete(`/api/knowledge/${scratch.id}`, 'operator')).status, 403, 'not the operator’s draft');
    const deleted = await api.delete(`/api/knowledge/${scratch.id}?reason=${encodeURIComponent('重复')}`, 'admin');
    assert.deepEqual([deleted.status, deleted.body.id], [200, scratch.id]);
    assert.equal((await api.get(`/api/knowledge/${scratch.id}`, 'admin')).status, 404);
    assert.equal((await api.post('/api/knowledge/no-such/submit', {}, 'operator')).status, 404);
  });
});
