// The name an uploaded file is shown and downloaded under: only its last path segment (some
// browsers send a full Windows path), cleaned as one line of text by the text policy (so no
// control, bidirectional or broken characters), at most 200 characters.
import { cleanLine } from '../../rules/text';

export const MAX_FILE_NAME_CHARACTERS = 200;

export function cleanFileName(raw: string | undefined): string {
  const lastSegment = cleanLine(raw ?? '').split(/[\\/]/).at(-1) ?? '';
  const capped = [...lastSegment].slice(0, MAX_FILE_NAME_CHARACTERS).join('').trim();
  return capped === '' || capped === '.' || capped === '..' ? 'attachment' : capped;
}
