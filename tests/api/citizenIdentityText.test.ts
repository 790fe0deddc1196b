// The masks of lib/citizenIdentity.ts on the forms a citizen's identity takes in text;
// identityMasking.test.ts proves they are applied on every path a unit reads.
import assert from 'node:assert/strict';
import { digitCount, maskIdentityDeep, maskIdentityInText, showsIdentity } from '../../lib/citizenIdentity';

const known = { names: ['王小明'], phones: ['+8613911116666'] };
const keep = new Set(['+8653112345', '+8653180010001']);
const mask = (text: string) => maskIdentityInText(text, known, { keep });

describe('citizen identity in free text', () => {
  it('masks mainland mobiles with or without +86 / 0086 / 86, spaced, dashed, full-width or in Chinese numerals', () => {
    assert.equal(mask('联系电话：13911116666 … 来电号码：+8613911116666'), '联系电话：139****6666 … 来电号码：+86139****6666');
    assert.equal(mask('139 1111 6666、139-1111-6666、+86 139 1111 6666'), '139****6666、139****6666、+86139****6666');
    assert.equal(mask('８６１３９１１１１６６６６ 或 ００８６１３９１１１１６６６６'), '86139****6666 或 0086139****6666');
    assert.equal(mask('我的电话是一三九一一一一六六六六'), '我的电话是139****6666');
    assert.equal(mask('联系人李四13911116666，住四楼'), '联系人李四139****6666，住四楼', 'a numeral in a name is no digit');
    assert.equal(mask('另一位邻居13722223333'), '另一位邻居137****3333', 'any mobile, not only the citizen’s');
  });

  it('masks landlines, ID-card numbers and the citizen’s name', () => {
    assert.equal(mask('座机0531-88886666，(010)12345678'), '座机0531****6666，010****5678');
    assert.equal(mask('电话 88886666'), '电话 ****6666', 'a bare number after a phone word');
    assert.equal(mask('身份证370102199001011234，另一张11010519491231002X'), '身份证3701**********1234，另一张1101**********002X');
    assert.equal(mask('王小明反映'), '王**反映');
    assert.equal(maskIdentityInText('我叫李四，住3楼；我叫了物业'), '我叫李*，住3楼；我叫了物业', 'a self-given name, without a case’s record');
    assert.equal(mask('+8653188886666'), '+86531****6666', 'an E.164 landline');
  });

  it('leaves the hotline’s and units’ numbers, case numbers, dates, amounts, SIDs and hashes as they are', () => {
    const plain = '热线+8653112345，东湖区值班+8653180010001，受理号2026120200001，2026-12-02，罚款12345678元，CA0123456789abcdef0123456789abcdef，文化路88号';
    assert.equal(mask(plain), plain);
  });

  it('masks a body deeply: citizen fields, nested JSON, arrays; identifiers and dates untouched', () => {
    const at = new Date('2026-12-02T00:00:00Z');
    const body = { id: '2026120200001', callSid: 'CA13911116666', citizenName: '王小明', citizenPhone: '+8613911116666', speechResult: { contact: '13911116666' }, at, notes: ['王小明说 13911116666'] };
    const masked = maskIdentityDeep(body, known);
    assert.deepEqual(masked, { id: '2026120200001', callSid: 'CA13911116666', citizenName: '王**', citizenPhone: '+86139****6666', speechResult: { contact: '139****6666' }, at, notes: ['王**说 139****6666'] });
    assert.equal(showsIdentity(body, known), true);
    assert.deepEqual(maskIdentityDeep({ callerId: '+8613911116666' }), { callerId: '+86139****6666' }, 'a caller id is a number, not an identifier');
    assert.deepEqual(maskIdentityDeep({ fromNumber: '+14155550123', toNumber: '+8653112345' }, known, { keep }), { fromNumber: '+141****0123', toNumber: '+8653112345' }, 'a foreign caller masked; the hotline not');
    assert.equal(showsIdentity(masked, known), false, 'masking is idempotent');
  });

  it('counts digits in every form (what a unit’s search may hold)', () => {
    assert.equal(digitCount('文化路88号'), 2);
    assert.equal(digitCount('１３９'), 3);
    assert.equal(digitCount('一三九'), 3);
  });
});
