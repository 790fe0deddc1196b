// The public redaction over hostile text: every form a phone, an ID number, a name or an address
// can take in what citizens and operators type, and text built to slow a regex down.
import assert from 'node:assert/strict';
import { redactForPublic, type PublicRedactionKnown } from '../../lib/publicRedaction';

const known: PublicRedactionKnown = { names: ['王小明', '李承办'], phones: ['+8613911112222'], addresses: ['东湖区解放路88号3单元501室'] };
const redact = (text: string) => redactForPublic(text, known);

describe('redactForPublic', () => {
  it('hides the recorded address whole, and door numbers in any other address', () => {
    assert.equal(redact('地址：东湖区解放路88号3单元501室门口'), '地址：***门口');
    assert.equal(redact('文化路12号院7栋2单元302室楼道堆物'), '文化路*号院*栋*单元*室楼道堆物');
    assert.equal(redact('幸福里１２号三单元'), '幸福里*号*单元');
    assert.equal(redact('西山路 9 号 4 层'), '西山路 *号 *层');
  });

  it('keeps what is no door number: dates, metro lines, counts, laws', () => {
    for (const text of ['12月3号起每晚施工', '地铁1号线出口', '一户人家', '《条例》第十七条第二款', '3天内处理完毕', '共5人']) assert.equal(redact(text), text);
  });

  it('masks phone numbers in every form, ID numbers, and the people named', () => {
    const cases: Array<[string, RegExp]> = [
      ['电话13911112222', /^电话139\*{4}2222$/],
      ['＋８６ １３９ １１１１ ２２２２', /\*{4}/],
      ['一三九一一一一二二二二', /\*{4}/],
      ['0531-88886666', /\*{4}6666/],
      ['身份证370102199001011234', /3701\*{10}1234/],
      ['我叫张三，住在这里', /我叫张\*，/],
      ['王小明反映', /^王\*\*反映$/],
      ['承办人李承办已回复', /承办人李\*\*已回复/],
    ];
    for (const [text, expected] of cases) assert.match(redact(text), expected, text);
    for (const text of ['电话13911112222', '370102199001011234', '王小明']) {
      const out = redact(text);
      assert.ok(!out.includes('1111') && !out.includes('19900101') && !out.includes('小明'), out);
    }
  });

  it('leaves text without personal data as it is, and survives hostile input quickly', () => {
    assert.equal(redact('已清理完毕，感谢您的监督。'), '已清理完毕，感谢您的监督。');
    assert.equal(redact(''), '');
    assert.equal(redact('🚧😀'), '🚧😀');
    const started = Date.now();
    for (const hostile of ['1'.repeat(100_000), '一'.repeat(50_000) + '号', `${'8-'.repeat(30_000)}号`, '号室'.repeat(50_000), `${'１'.repeat(40_000)}单元`]) {
      const out = redact(hostile);
      assert.ok(out.length > 0);
    }
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
  });

  it('treats regex characters in the known values literally', () => {
    assert.equal(redactForPublic('住在a.b(c)*路', { names: [], phones: [], addresses: ['a.b(c)*路'] }), '住在***');
    assert.equal(redactForPublic('axbxc路', { names: [], phones: [], addresses: ['a.b(c)*路'] }), 'axbxc路');
  });
});
