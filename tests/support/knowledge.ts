// Published knowledge-base articles for tests, made through the product's own API: an operator
// drafts and submits, an admin (not the writer: four eyes) publishes; retired again afterwards.
import assert from 'node:assert/strict';
import type { AdminApiClient } from './adminApi';

export interface PublishedArticle {
  id: string;
  title: string;
  answers: string[];
}

/** Needs `api` logged in as operator and admin. */
export async function publishArticle(api: AdminApiClient, title: string, answers: string[]): Promise<PublishedArticle> {
  const created = await api.post('/api/knowledge', { title, categoryId: null, keywords: [], answers: answers.map((body) => ({ body })) }, 'operator');
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id as string;
  assert.equal((await api.post(`/api/knowledge/${id}/submit`, {}, 'operator')).status, 200);
  const published = await api.post(`/api/knowledge/${id}/publish`, {}, 'admin');
  assert.equal(published.body.status, 'published', JSON.stringify(published.body));
  return { id, title, answers };
}

export async function retireArticle(api: AdminApiClient, id: string): Promise<void> {
  assert.equal((await api.post(`/api/knowledge/${id}/retire`, { reason: '测试结束' }, 'admin')).status, 200);
}
