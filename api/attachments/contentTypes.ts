// Which files a case may carry, judged by the type their bytes show (file-type's magic-number
// detection), never by the name or the Content-Type the client sends.
export const ATTACHMENT_KINDS = ['photo', 'document', 'recording', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

type Family = 'image' | 'audio' | 'document';

const ALLOWED: Record<string, Family> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/gif': 'image',
  'image/webp': 'image',
  'image/bmp': 'image',
  'image/tiff': 'image',
  'image/heic': 'image',
  'image/heif': 'image',
  'audio/wav': 'audio',
  'audio/mpeg': 'audio',
  'audio/amr': 'audio',
  'audio/x-m4a': 'audio',
  'audio/mp4': 'audio',
  'application/pdf': 'document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'document',
  'application/vnd.oasis.opendocument.text': 'document',
  'application/vnd.oasis.opendocument.spreadsheet': 'document',
  'application/vnd.oasis.opendocument.presentation': 'document',
  'application/msword': 'document',
  'application/vnd.ms-excel': 'document',
  'application/vnd.ms-powerpoint': 'document',
};

// Word 97–2003 files and their kin share one container format (CFB) with other programs'
// files; the bytes prove the container, the name says which Office program it belongs to.
const LEGACY_OFFICE_BY_EXTENSION: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

/** The content type to store for a file, or null when its bytes are not an allowed type. */
export function acceptedContentType(detectedMime: string | undefined, fileName: string): string | null {
  if (!detectedMime) return null;
  if (detectedMime === 'application/x-cfb') {
    const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
    return LEGACY_OFFICE_BY_EXTENSION[extension] ?? null;
  }
  return Object.hasOwn(ALLOWED, detectedMime) ? detectedMime : null;
}

/** The kind a file gets when the uploader names none. */
export function defaultKind(contentType: string): AttachmentKind {
  const family = ALLOWED[contentType];
  return family === 'image' ? 'photo' : family === 'audio' ? 'recording' : family === 'document' ? 'document' : 'other';
}

/** A photo must be an image and a recording audio; documents and "other" take any allowed type. */
export function kindFits(kind: AttachmentKind, contentType: string): boolean {
  const family = ALLOWED[contentType];
  if (kind === 'photo') return family === 'image';
  if (kind === 'recording') return family === 'audio';
  if (kind === 'document') return family === 'document';
  return family !== undefined;
}

/** Types a browser may show in place (no scripts run in them); the others are only downloaded. */
export function showsInline(contentType: string): boolean {
  return ALLOWED[contentType] === 'image' || ALLOWED[contentType] === 'audio' || contentType === 'application/pdf';
}

export const ALLOWED_TYPES_DESCRIPTION = 'photos (JPEG, PNG, GIF, WebP, BMP, TIFF, HEIC), audio (WAV, MP3, AMR, M4A), PDF and Office/OpenDocument files';
