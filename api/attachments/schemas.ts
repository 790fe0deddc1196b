// The shapes of the attachment routes' parameters, queries, form fields and answers, named so
// that the OpenAPI document can be generated from them.
import { z } from 'zod';
import { identifier, multiLineText, responseText } from '../../rules/text';
import { ATTACHMENT_KINDS } from './contentTypes';

export const attachmentKind = z.enum(ATTACHMENT_KINDS);

/** `/api/cases/:id/attachments` */
export const caseAttachmentParams = z.object({ id: identifier(100) });

/** `/api/attachments/:id`, `/content` */
export const attachmentParams = z.object({ id: identifier(100) });

/** `GET /api/cases/:id/attachments?kind=recording` */
export const caseAttachmentListQuery = z.object({ kind: attachmentKind.optional() });

/** `GET /api/attachments/:id/content?inline=true` shows images, audio and PDF in place. */
export const attachmentContentQuery = z.object({ inline: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') });

/** The text fields of an upload besides its files; without `kind`, each file's type decides. */
export const uploadFields = z.object({ kind: attachmentKind.optional() }).strict();

/** `DELETE /api/attachments/:id` may say why (optional JSON body). */
export const removalBody = z.object({ reason: multiLineText(2000).optional() });

export const attachmentView = z.object({
  id: responseText(),
  caseId: responseText().nullable(),
  kind: attachmentKind,
  fileName: responseText(),
  contentType: responseText(),
  sizeBytes: z.number().int(),
  sha256: responseText(),
  uploadedById: responseText().nullable(),
  createdAt: z.date(),
});
export type AttachmentView = z.infer<typeof attachmentView>;
