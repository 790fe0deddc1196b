// 实名保密 by SMS: a petition text that begins with 【保密】 (or [保密], 「保密」) or with 保密
// followed by a colon, comma or space asks that the citizen's identity be kept from the units.
// The mark is taken off the text that becomes the case's content. "保密局门口…" is no mark: the
// word alone, run into the text, is a place or a matter, not a request.

const MARK = /^\s*(?:[【\[［「]\s*保密\s*[】\]］」]|保密\s*[:：,，、;；\s])[\s:：,，、;；]*/u;

export interface SmsPetitionText {
  /** The citizen asked for 实名保密. */
  confidential: boolean;
  /** The text without the mark. */
  text: string;
}

export function confidentialMarkOf(body: string): SmsPetitionText {
  const match = MARK.exec(body);
  return match ? { confidential: true, text: body.slice(match[0].length) } : { confidential: false, text: body };
}
