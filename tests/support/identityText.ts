// What a response shows of a citizen's identity, whatever form it was written in: the suites
// that check masking and withholding look for the number in ASCII after this flattening.

const CHINESE_DIGITS: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 幺: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** The answer's text with every digit form (full-width, Chinese numerals) made ASCII and separators between digits dropped. */
export function flattenedDigits(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return [...text]
    .map((ch) => {
      const code = ch.charCodeAt(0);
      if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 0x30);
      return CHINESE_DIGITS[ch] ?? ch;
    })
    .join('')
    .replace(/(?<=\d)[\s\-－()（）+]+(?=\d)/g, '');
}
