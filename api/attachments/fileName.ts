// The name an uploaded file is shown and downloaded under: only its last path segment (some
// browsers send a full Windows path), without control characters, at most 200 characters.
export function cleanFileName(raw: string | undefined): string {
  const lastSegment = (raw ?? '').split(/[\\/]/).at(-1) ?? '';
  const printable = [...lastSegment.replace(/[\u0000-\u001f\u007f]/g, '')].slice(0, 200).join('').trim();
  return printable === '' || printable === '.' || printable === '..' ? 'attachment' : printable;
}
