// Content-Disposition with a file name any browser reads back correctly (RFC 6266): an ASCII
// fallback in `filename` for old clients and the real name, UTF-8 percent-encoded, in
// `filename*` (RFC 8187, formerly 5987) — so 现场照片.jpg arrives as 现场照片.jpg.

/** Characters RFC 8187 lets through unencoded (attr-char). */
const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

function encodeExtValue(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += byte < 0x80 && ATTR_CHAR.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Printable ASCII only, without quotes or backslashes; others become "_". */
function asciiFallback(fileName: string): string {
  const fallback = [...fileName].map((c) => (/^[\x20-\x7e]$/.test(c) && c !== '"' && c !== '\\' ? c : '_')).join('');
  return fallback.trim() === '' ? 'attachment' : fallback;
}

export function contentDisposition(fileName: string, type: 'inline' | 'attachment' = 'attachment'): string {
  const fallback = asciiFallback(fileName);
  if (fallback === fileName) return `${type}; filename="${fileName}"`;
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encodeExtValue(fileName)}`;
}
