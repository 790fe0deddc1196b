// The plain functions behind Open311: categories → services, a case → a request (and what it
// must not show), the request window, the body schema, and the XML mapping of JSON lists.
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { loggableUrl } from '../../api/app';
import { formatOfPath, splitFormat, toXml } from '../../api/open311/format';
import { open311Status, toOpen311Request, w3cDateTime, withoutCitizenIdentity, type CaseForOpen311 } from '../../api/open311/requests';
import { requestWindow, serviceRequestBody, serviceRequestsQuery } from '../../api/open311/schemas';
import { serviceNoticeFor } from '../../api/open311/serviceNotice';
import { servicesOf, type CategoryNode } from '../../api/open311/services';
import { caseTitleOf, citizenNameOf } from '../../api/open311/submit';

const category = (id: string, parentId: string | null, extra: Partial<CategoryNode> = {}): CategoryNode => ({
  id, code: id, name: `名${id}`, nameEn: `Name ${id}`, parentId, lineage: parentId ? [parentId, id] : [id], active: true, sortOrder: 0, ...extra,
});

const decimal = (value: number) => ({ toNumber: () => value });

const sampleCase = (overrides: Partial<CaseForOpen311> = {}): CaseForOpen311 => ({
  id: '2026112300001', channel: 'open311', status: 'registered', content: '王小明反映：解放路夜市占道，电话13911112222', citizenName: '王小明', citizenPhone: '+8613911112222',
  address: '解放路1号', latitude: decimal(36.66), longitude: decimal(117.02), receivedAt: new Date('2026-11-23T02:00:00Z'), updatedAt: new Date('2026-11-23T03:00:00Z'),
  closedAt: null, handleDueAt: null, mergedIntoId: null, leadUnit: null, ...overrides,
});

describe('Open311 mapping', () => {
  it('offers active leaf categories as services, grouped by their top-level category', () => {
    const services = servicesOf([
      category('urban', null, { name: '城市管理', nameEn: 'Urban management' }),
      category('vending', 'urban', { name: '占道经营', nameEn: 'Street vending', sortOrder: 1 }),
      category('lights', 'urban', { name: '路灯', nameEn: null, sortOrder: 0 }),
      category('retired', 'urban', { active: false }),
      category('other', null, { name: '其他', nameEn: 'Other', sortOrder: 9 }),
      category('closedBranch', null, { active: false, sortOrder: 5 }),
      category('orphanLeaf', 'closedBranch'),
    ]);
    assert.deepEqual(services.map((s) => s.service.service_code), ['lights', 'vending', 'other']);
    assert.deepEqual(services[1]!.service, {
      service_code: 'vending', service_name: '占道经营 (Street vending)', description: '城市管理 › 占道经营 (Urban management › Street vending)',
      metadata: false, type: 'realtime', keywords: '占道经营, Street vending, 城市管理, Urban management', group: '城市管理 (Urban management)',
    });
    assert.equal(services[0]!.service.service_name, '路灯', 'no English name, no brackets');
    assert.equal(services[2]!.service.group, '其他 (Other)', 'a top-level leaf is its own group');
  });

  it('maps a case to a request: open or closed, due date, agency, and the citizen masked', () => {
    assert.equal(open311Status('signed'), 'open');
    assert.equal(open311Status('reReview'), 'open');
    for (const status of ['closed', 'archived', 'rejected', 'merged', 'answeredDirectly']) assert.equal(open311Status(status), 'closed');

    const dispatched = toOpen311Request(sampleCase({ status: 'dispatched', handleDueAt: new Date('2026-12-14T15:59:59.999Z'), leadUnit: { name: '市城市管理局', nameEn: 'City Administration Bureau' } }), {
      service: { code: 'urban.street-vending', name: '占道经营 (Street vending)' }, serviceNotice: 'notice', reply: null, submission: { addressId: 'A1', mediaUrl: 'https://x.test/p.jpg' },
    });
    assert.equal(dispatched.status, 'open');
    assert.equal(dispatched.expected_datetime, '2026-12-14T23:59:59+08:00');
    assert.equal(dispatched.requested_datetime, '2026-11-23T10:00:00+08:00');
    assert.equal(dispatched.agency_responsible, '市城市管理局 (City Administration Bureau)');
    assert.equal(dispatched.description, '王**反映：解放路夜市占道，电话139****2222');
    assert.deepEqual([dispatched.lat, dispatched.long, dispatched.address_id, dispatched.media_url], [36.66, 117.02, 'A1', 'https://x.test/p.jpg']);

    const closed = toOpen311Request(sampleCase({ status: 'closed', closedAt: new Date('2026-11-30T08:00:00Z') }), { service: null, serviceNotice: null, reply: '王小明您好，摊位已清理。', submission: null });
    assert.equal(closed.status_notes, '王**您好，摊位已清理。');
    assert.equal(closed.updated_datetime, '2026-11-30T16:00:00+08:00', 'a closed request was last updated when it closed');
  });

  it('shows neither the words nor the place of a request that did not come through Open311', () => {
    const byPhone = toOpen311Request(sampleCase({ channel: 'phone', status: 'closed' }), { service: null, serviceNotice: null, reply: '王小明您好', submission: null });
    assert.deepEqual([byPhone.description, byPhone.address, byPhone.lat, byPhone.long, byPhone.media_url], [null, null, null, null, null]);
    assert.equal(byPhone.status_notes, '已办结 (Closed)', 'the reply to a caller is not published');
    assert.ok(!JSON.stringify(byPhone).includes('王') && !JSON.stringify(byPhone).includes('1391111'));
    const merged = toOpen311Request(sampleCase({ channel: 'phone', status: 'merged', mergedIntoId: '2026112300009' }), { service: null, serviceNotice: null, reply: null, submission: null });
    assert.match(merged.status_notes, /merged into another request\): 2026112300009$/);
  });

  it('masks the citizen’s phone with and without +86, and a name of two characters or more', () => {
    assert.equal(withoutCitizenIdentity('请拨+8613911112222或13911112222', { citizenName: null, citizenPhone: '+8613911112222' }), '请拨+86139****2222或139****2222');
    assert.equal(withoutCitizenIdentity('王先生', { citizenName: '王', citizenPhone: null }), '王先生', 'a one-character name is too common to replace');
  });

  it('bounds the request window to 90 days, by default the last 90', () => {
    const now = new Date('2026-11-23T00:00:00Z');
    assert.deepEqual(requestWindow({}, now), { from: new Date('2026-08-25T00:00:00Z'), to: now });
    assert.deepEqual(requestWindow({ start_date: '2026-01-01T00:00:00Z' }, now), { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') });
    assert.deepEqual(requestWindow({ end_date: '2026-04-01T00:00:00+08:00' }, now), { from: new Date('2025-12-31T16:00:00Z'), to: new Date('2026-03-31T16:00:00Z') });
    assert.ok('problem' in requestWindow({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-06-01T00:00:00Z' }, now));
    assert.ok('problem' in requestWindow({ start_date: '2026-02-01T00:00:00Z', end_date: '2026-01-01T00:00:00Z' }, now));
  });

  it('reads the spec’s form fields: empty is absent, lists by comma or repetition, one location required', () => {
    const body = serviceRequestBody.parse({ service_code: 'x', lat: '36.5', long: '117', phone: '(139) 1111-2222', email: '', attribute: { A: '1', B: ['2', '3'] } });
    assert.deepEqual([body.lat, body.long, body.phone, body.email, body.attribute], [36.5, 117, '13911112222', undefined, { A: '1', B: ['2', '3'] }]);
    const issues = (input: unknown) => serviceRequestBody.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    assert.deepEqual(issues({ service_code: 'x' }), ['lat: a location is required: lat and long, address_string or address_id']);
    assert.deepEqual(issues({ service_code: 'x', lat: '1' }), ['long: lat and long are sent together']);
    assert.deepEqual(issues({ service_code: 'x', lat: '91', long: 'east' }), ['lat: a number between -90 and 90', 'long: a number between -180 and 180']);
    assert.deepEqual(issues({ service_code: '', address_id: '7' }), ['service_code: required']);
    const query = serviceRequestsQuery.parse({ status: ['open', 'closed'], service_code: 'a, b', start_date: '' });
    assert.deepEqual([query.status, query.service_code, query.start_date], [['open', 'closed'], ['a', 'b'], undefined]);
    assert.equal(serviceRequestsQuery.safeParse({ start_date: '2026-01-01' }).success, false, 'a date needs a time and a zone');
  });

  it('names the case from the service and the description, and the citizen in their own order', () => {
    assert.equal(citizenNameOf('小明', '王'), '王小明');
    assert.equal(citizenNameOf('John', 'Smith'), 'John Smith');
    assert.equal(citizenNameOf(undefined, undefined), null);
    assert.equal(caseTitleOf('占道经营', '\n 夜市占道 \n第二行'), '占道经营：夜市占道');
    assert.equal(caseTitleOf('占道经营', undefined), '占道经营');
    assert.equal([...caseTitleOf('占道经营', '长'.repeat(100))].length, 5 + 60 + 1);
    assert.match(serviceNoticeFor({ amount: 15, unit: 'workingDays' }), /15个工作日内办结.*within 15 working days/);
  });

  it('writes JSON lists as XML elements holding one child per item, as the spec shows', () => {
    const xml = toXml('service_requests', [{ service_request_id: '1', account_id: null, note: 'a\u0001<b>' }]);
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>'));
    const parsed = new XMLParser({ parseTagValue: false }).parse(xml);
    assert.deepEqual(parsed.service_requests.request, { service_request_id: '1', account_id: '', note: 'a<b>' });
    assert.deepEqual(new XMLParser().parse(toXml('service_definition', { service_code: 'x', attributes: [] })).service_definition, { service_code: 'x', attributes: '' });
    assert.deepEqual(splitFormat('urban.street-vending.json'), { name: 'urban.street-vending', format: 'json' });
    assert.equal(splitFormat('urban.street-vending'), null);
    assert.equal(formatOfPath('/v2/requests/1.JSON'), 'json');
    assert.equal(formatOfPath('/v2/nowhere'), 'xml');
    assert.equal(w3cDateTime(new Date('2026-01-01T00:00:00Z')), '2026-01-01T08:00:00+08:00');
  });

  it('keeps an api_key sent in the query string out of the request log', () => {
    assert.equal(loggableUrl('/open311/v2/requests.json?jurisdiction_id=x&API_KEY=o311_secret&y=1'), '/open311/v2/requests.json?jurisdiction_id=x&API_KEY=[redacted]&y=1');
    assert.equal(loggableUrl('/api/cases?filter={}'), '/api/cases?filter={}');
  });
});
