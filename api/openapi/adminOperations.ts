// The admin resources (docs/admin.md) for the OpenAPI description: react-admin simple-REST
// lists (filter, range, sort; Content-Range) and single rows, writes audited.
import type { z } from 'zod';
import type { Role } from '../auth/tokens';
import { caseTypeUpdateBody } from '../caseTypes/routes';
import { categoryCreateBody, categoryListQuery, categoryUpdateBody } from '../categories/schemas';
import { idParams } from '../http/fields';
import { articleCreateBody, articleListQuery, articleUpdateBody, retireBody, reviewBody, searchQuery, sendBackBody } from '../knowledge/schemas';
import { policyCreateBody, policyListQuery, policyUpdateBody } from '../policies/schemas';
import { settingListQuery, settingParams, settingUpdateBody } from '../ruleSettings/schemas';
import { templateListQuery, templateParams, templateUpdateBody } from '../templates/schemas';
import { unitCreateBody, unitListQuery, unitUpdateBody } from '../units/schemas';
import { passwordResetBody, userCreateBody, userListQuery, userUpdateBody } from '../users/schemas';
import type { Operation } from './operation';

const ADMIN: Role[] = ['admin'];

function resource(options: {
  path: string;
  tag: string;
  noun: string;
  list: z.ZodType;
  params?: z.ZodType;
  readers?: Role[];
  create?: z.ZodType;
  update?: z.ZodType;
  remove?: string;
  writers?: Role[];
}): Operation[] {
  const { path, tag, noun } = options;
  const params = options.params ?? idParams;
  const writers = options.writers ?? ADMIN;
  const ops: Operation[] = [
    { method: 'GET', path, tag, summary: `List ${noun}s`, auth: 'bearer', roles: options.readers, query: options.list, success: { status: 200, description: `${noun}s`, list: true } },
    { method: 'GET', path: `${path}/:id`, tag, summary: `One ${noun}`, auth: 'bearer', roles: options.readers, params, success: { status: 200, description: `the ${noun}` }, errors: [404] },
  ];
  if (options.create) ops.push({ method: 'POST', path, tag, summary: `Create a ${noun} (audited)`, auth: 'bearer', roles: writers, body: options.create, success: { status: 201, description: `the new ${noun}`, creates: { pointer: '/id', under: `${path}/:id` } }, errors: [409] });
  if (options.update) ops.push({ method: 'PUT', path: `${path}/:id`, tag, summary: `Change a ${noun} (audited)`, auth: 'bearer', roles: writers, params, body: options.update, success: { status: 200, description: `the ${noun}` }, errors: [404, 409] });
  if (options.remove) ops.push({ method: 'DELETE', path: `${path}/:id`, tag, summary: options.remove, auth: 'bearer', roles: writers, params, success: { status: 200, description: `the removed ${noun}` }, errors: [404, 409] });
  return ops;
}

export function adminOperations(): Operation[] {
  return [
    ...resource({ path: '/api/units', tag: 'units', noun: 'unit', list: unitListQuery, create: unitCreateBody, update: unitUpdateBody, remove: 'Delete an unused leaf unit (otherwise 409: deactivate it)' }),
    { method: 'GET', path: '/api/units/:id/handlers', tag: 'units', summary: 'The active users of one’s own unit with a unit role (id, name, unit roles): whom assignHandler may name; 403 for another unit', auth: 'bearer', roles: ['unitLeader', 'unitHandler'], params: idParams, success: { status: 200, description: 'the unit’s handlers and leaders', array: true }, errors: [403] },
    ...resource({ path: '/api/categories', tag: 'categories', noun: 'category', list: categoryListQuery, create: categoryCreateBody, update: categoryUpdateBody, remove: 'Delete an unused leaf category (otherwise 409: deactivate it)' }),
    ...resource({ path: '/api/users', tag: 'users', noun: 'user', list: userListQuery, readers: ['admin', 'auditor'], create: userCreateBody, update: userUpdateBody }),
    { method: 'POST', path: '/api/users/:id/password', tag: 'users', summary: 'Reset a password (unlocks the account, revokes its sessions)', auth: 'bearer', roles: ADMIN, params: idParams, body: passwordResetBody, success: { status: 200, description: 'reset' }, errors: [404] },
    { method: 'GET', path: '/api/case-types', tag: 'reference', summary: 'Case types', auth: 'bearer', success: { status: 200, description: 'case types', list: true } },
    { method: 'GET', path: '/api/case-types/:id', tag: 'reference', summary: 'A case type', auth: 'bearer', params: idParams, success: { status: 200, description: 'the case type' }, errors: [404] },
    { method: 'PUT', path: '/api/case-types/:id', tag: 'reference', summary: 'Whether the type’s cases are registered confidential (保密; 举报 by default), audited', auth: 'bearer', roles: ADMIN, params: idParams, body: caseTypeUpdateBody, success: { status: 200, description: 'the case type' }, errors: [404] },
    ...resource({ path: '/api/policies', tag: 'policies', noun: 'deadline policy', list: policyListQuery, create: policyCreateBody, update: policyUpdateBody, remove: 'Delete a policy (409 when a case type would be left without one)' }),
    ...resource({ path: '/api/rule-settings', tag: 'policies', noun: 'rule setting', list: settingListQuery, params: settingParams, update: settingUpdateBody }),
    ...resource({ path: '/api/templates', tag: 'templates', noun: 'message template', list: templateListQuery, params: templateParams, update: templateUpdateBody }),
    ...resource({ path: '/api/knowledge', tag: 'knowledge', noun: 'knowledge article', list: articleListQuery, create: articleCreateBody, update: articleUpdateBody, writers: ['operator', 'admin'], remove: 'Delete a draft' }),
    { method: 'GET', path: '/api/knowledge/search', tag: 'knowledge', summary: 'Search published articles (Chinese text, trigram-indexed)', auth: 'bearer', query: searchQuery, success: { status: 200, description: 'matching articles, best first', list: true } },
    { method: 'POST', path: '/api/knowledge/:id/submit', tag: 'knowledge', summary: 'Send a draft for review', auth: 'bearer', roles: ['operator', 'admin'], params: idParams, body: reviewBody, success: { status: 200, description: 'the article' }, errors: [404, 409] },
    { method: 'POST', path: '/api/knowledge/:id/publish', tag: 'knowledge', summary: 'Publish (not by its author or editor: four eyes)', auth: 'bearer', roles: ADMIN, params: idParams, body: reviewBody, success: { status: 200, description: 'the article' }, errors: [404, 409] },
    { method: 'POST', path: '/api/knowledge/:id/send-back', tag: 'knowledge', summary: 'Send back to draft with a reason', auth: 'bearer', roles: ADMIN, params: idParams, body: sendBackBody, success: { status: 200, description: 'the article' }, errors: [404, 409] },
    { method: 'POST', path: '/api/knowledge/:id/retire', tag: 'knowledge', summary: 'Retire a published article', auth: 'bearer', roles: ADMIN, params: idParams, body: retireBody, success: { status: 200, description: 'the article' }, errors: [404, 409] },
    { method: 'POST', path: '/api/knowledge/:id/revisions', tag: 'knowledge', summary: 'Start a revision of a published article (replaces it when published)', auth: 'bearer', roles: ['operator', 'admin'], params: idParams, success: { status: 201, description: 'the revision draft' }, errors: [404, 409] },
  ];
}
