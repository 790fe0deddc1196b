// The text policy (rules/text.ts): what free text keeps and loses, what identifiers and
// secrets refuse, and that cleaning twice changes nothing.
import assert from 'node:assert/strict';
import { z } from 'zod';
import { cleanJson, cleanLine, cleanText, exactText, hasUnsafeCharacters, identifier, jsonValue, MAX_JSON_DEPTH, multiLineText, requiredLine, secretText, singleLineText, webAddress } from '../../rules/text';

/** A sample of everything the policy treats specially, for the idempotence check. */
const HOSTILE = [
  't\u0000x',
  '\u0001\u0007\u001b[31mred\u001b[0m',
  'line one\r\nline two\rline three',
  'tab\there',
  '\ud800 lone high',
  'lone low \udc00',
  'swapped \udc00\ud800',
  '\ud83d\u0000\ude00',
  '路灯😀不亮 👨‍👩‍👧',
  'e\u0301 composed',
  'bidi \u202eevil\u202c and \u2066isolate\u2069',
  '\ufeffbom',
  'del\u007f and c1 \u0085\u009b',
  '',
];

describe('text policy', () => {
  describe('cleanText (free text on several lines)', () => {
    it('drops NUL and the other C0 controls but keeps tab and newline', () => {
      assert.equal(cleanText('t\u0000x'), 'tx');
      assert.equal(cleanText('a\u0001b\u0008c\u000bd\u000ce\u001bf\u001fg'), 'abcdefg');
      assert.equal(cleanText('a\tb\nc'), 'a\tb\nc');
    });

    it('turns CRLF and lone CR into a newline', () => {
      assert.equal(cleanText('one\r\ntwo\rthree\n'), 'one\ntwo\nthree\n');
    });

    it('replaces lone high and low surrogates with U+FFFD, and keeps valid pairs and emoji', () => {
      assert.equal(cleanText('a\ud800b'), 'a\ufffdb');
      assert.equal(cleanText('a\udc00b'), 'a\ufffdb');
      assert.equal(cleanText('end\ud800'), 'end\ufffd');
      assert.equal(cleanText('\udc00\ud800'), '\ufffd\ufffd', 'a pair in the wrong order is two lone halves');
      assert.equal(cleanText('\ud83d\u0000\ude00'), '\ufffd\ufffd', 'a NUL between the halves does not join them');
      assert.equal(cleanText('路灯😀不亮'), '路灯😀不亮');
      assert.equal(cleanText('👨‍👩‍👧 𠀀'), '👨‍👩‍👧 𠀀', 'zero-width joiners and astral CJK stay');
    });

    it('drops DEL, C1 controls, the byte-order mark and bidirectional controls', () => {
      assert.equal(cleanText('a\u007fb\u0085c\u009bd'), 'abcd');
      assert.equal(cleanText('\ufeffhello'), 'hello');
      assert.equal(cleanText('file\u202eexe.jpg'), 'fileexe.jpg');
      assert.equal(cleanText('\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069x'), 'x');
    });

    it('normalises to NFC', () => {
      assert.equal(cleanText('e\u0301'), '\u00e9');
      assert.equal(cleanText('\u1100\u1161'), '\uac00', 'Hangul jamo compose');
      assert.equal(cleanText('ｶ'), 'ｶ', 'NFC, not NFKC: full- and half-width forms stay as typed');
    });

    it('is idempotent, and its output holds nothing unsafe', () => {
      for (const sample of HOSTILE) {
        const once = cleanText(sample);
        assert.equal(cleanText(once), once, JSON.stringify(sample));
        assert.equal(once.normalize('NFC'), once);
        assert.equal(hasUnsafeCharacters(once), false, JSON.stringify(sample));
        const line = cleanLine(sample);
        assert.equal(cleanLine(line), line, JSON.stringify(sample));
        assert.equal(hasUnsafeCharacters(line), false, JSON.stringify(sample));
      }
    });
  });

  describe('cleanLine (one line)', () => {
    it('turns tabs and line breaks into one space', () => {
      assert.equal(cleanLine('a\r\n\r\nb\tc\n'), 'a b c ');
    });
  });

  describe('hasUnsafeCharacters', () => {
    it('finds what cleaning would drop or replace, and nothing in ordinary text', () => {
      for (const bad of ['\u0000', 'a\rb', '\ud800', '\udc00', '\u202e', '\ufeff', '\u0085']) assert.equal(hasUnsafeCharacters(bad), true, JSON.stringify(bad));
      for (const good of ['路灯不亮', 'a\tb\nc', '😀', 'e\u0301']) assert.equal(hasUnsafeCharacters(good), false, JSON.stringify(good));
      // Called repeatedly on the same input: the global regexes keep no state between calls.
      assert.deepEqual([hasUnsafeCharacters('x\u0000'), hasUnsafeCharacters('x\u0000'), hasUnsafeCharacters('x\u0000')], [true, true, true]);
    });
  });

  describe('cleanJson', () => {
    it('cleans every string and key at any depth and leaves other values alone', () => {
      const when = new Date(0);
      const cleaned = cleanJson({ 'k\u0000ey': ['a\u0000', { deep: 'x\ud800' }], n: 1, b: true, nil: null, when });
      assert.deepEqual(cleaned, { key: ['a', { deep: 'x\ufffd' }], n: 1, b: true, nil: null, when });
      assert.equal(cleaned.when, when, 'a Date is not a plain object: kept as it is');
    });
  });

  describe('zod builders', () => {
    it('multiLineText cleans, trims, then counts: a NUL-only value is empty', () => {
      assert.equal(multiLineText(10).parse('  a\u0000b\r\nc  '), 'ab\nc');
      assert.equal(multiLineText(3).safeParse('abcd').success, false);
      assert.equal(multiLineText(3).parse('ab\u0000\u0000c'), 'abc', 'dropped characters do not count');
      const required = multiLineText(10).min(1, 'required').safeParse('\u0000 \u0001');
      assert.equal(required.success, false);
      assert.equal(required.error?.issues[0]?.message, 'required');
    });

    it('singleLineText and requiredLine give one line', () => {
      assert.equal(singleLineText(20).parse('a\nb\tc'), 'a b c');
      assert.equal(requiredLine(20).safeParse('\n\t').success, false);
    });

    it('identifier refuses instead of changing what it names', () => {
      assert.equal(identifier(20).parse(' donghu '), 'donghu');
      for (const bad of ['dong\u0000hu', 'dong hu', '东湖', 'a\ud800', '', 'x'.repeat(21)]) {
        assert.equal(identifier(20).safeParse(bad).success, false, JSON.stringify(bad));
      }
    });

    it('secretText keeps a password exactly as typed, or refuses it', () => {
      assert.equal(secretText(64).parse(' pa ss 密码 '), ' pa ss 密码 ');
      for (const bad of ['pass\u0000', 'pass\ud800', 'pass\r\n']) assert.equal(secretText(64).safeParse(bad).success, false, JSON.stringify(bad));
    });

    it('jsonValue cleans a JSON value and refuses what is not JSON', () => {
      assert.deepEqual(jsonValue.parse({ a: ['x\u0000y'] }), { a: ['xy'] });
      assert.equal(jsonValue.safeParse(undefined).success, false);
      assert.equal(jsonValue.safeParse(() => 1).success, false);
      assert.equal(jsonValue.safeParse({ a: Number.NaN }).success, false);
      // The reason names the problem: a missing value, a number beyond a double (1e400 parses to Infinity).
      assert.equal(jsonValue.safeParse(undefined).error!.issues[0]!.message, 'required');
      assert.equal(jsonValue.safeParse(JSON.parse('{"a":[1e400]}')).error!.issues[0]!.message, 'numbers must be finite');
    });

    it('jsonValue refuses JSON nested deeper than MAX_JSON_DEPTH instead of exhausting the stack', () => {
      const nested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;
      assert.equal(jsonValue.safeParse(nested(MAX_JSON_DEPTH)).success, true);
      assert.equal(jsonValue.safeParse(nested(MAX_JSON_DEPTH + 1)).success, false);
      const deep = jsonValue.safeParse(nested(100_000));
      assert.equal(deep.success, false);
      assert.match(deep.error!.issues[0]!.message, /nested at most 32 levels/);
    });

    it('shows its limits in JSON Schema as a plain string, with only the stricter pattern of a code', () => {
      const schema = (type: z.ZodType) => {
        const { $schema: _dialect, ...rest } = z.toJSONSchema(type, { io: 'input' }) as Record<string, unknown>;
        return rest;
      };
      assert.deepEqual(schema(requiredLine(100)), { type: 'string', minLength: 1, maxLength: 100 });
      assert.deepEqual(schema(identifier(30)), { type: 'string', minLength: 1, maxLength: 30 });
      assert.deepEqual(schema(identifier(20).regex(/^\d{8,20}$/)), { type: 'string', minLength: 1, maxLength: 20, pattern: '^\\d{8,20}$' });
    });

    it('webAddress refuses the control and bidirectional characters zod lets through', () => {
      assert.equal(webAddress(100).parse('https://例子.cn/照片.jpg'), 'https://例子.cn/照片.jpg');
      for (const bad of ['http://example.com/a\u0000b', 'http://example.com/\u202egpj.exe', 'ftp://example.com/a', 'not a url']) {
        assert.equal(webAddress(100).safeParse(bad).success, false, JSON.stringify(bad));
      }
    });

    it('exactText keeps spaces and letters as given, and refuses what cleaning would change', () => {
      assert.equal(exactText(40).parse(' 139 2222-3333 '), ' 139 2222-3333 ');
      assert.equal(exactText(40).safeParse('139\u00002222').success, false);
    });
  });
});
