// Attachments: photos, documents and call recordings of cases.
//   /api/cases/:id/attachments      list (GET), upload to the case (POST, multipart)
//   /api/attachments                upload not yet tied to a case (POST, multipart), cited later
//                                   by the submitResult command's attachmentIds
//   /api/attachments/:id            metadata (GET), removal (DELETE, see removal.ts)
//   /api/attachments/:id/content    the bytes, streamed, with Range support
import { Router, type Request } from 'express';
import type { AppDeps } from '../deps';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import { fieldErrors, HttpError } from '../http/errors';
import { refuseConfidentialAudio, UPLOADER_ROLES, visibleAttachment, visibleCaseOf } from './access';
import { isCitedByResult } from './citations';
import { misfits, recordAttachments, recordRemoval, viewOf } from './records';
import { receiveUpload, type ReceivedUpload } from './receiveUpload';
import { removalRefusal } from './removal';
import { attachmentContentQuery, attachmentParams, caseAttachmentListQuery, caseAttachmentParams, removalBody, uploadFields } from './schemas';
import { sendContent } from './sendContent';
import { uploadLimit } from './uploadLimit';

export type AttachmentRouteDeps = Pick<AppDeps, 'prisma' | 'log' | 'jwtSecret' | 'attachmentStore' | 'attachmentMaxBytes' | 'now'>;

/** Files in one upload request. */
const MAX_FILES_PER_UPLOAD = 10;

export function attachmentUploads(deps: AttachmentRouteDeps) {
  const now = () => deps.now?.() ?? new Date();

  /** Receives the files and checks the form fields; on a refusal nothing stays stored. */
  return async (req: Request, caseId: string | null) => {
    const maxBytes = await uploadLimit(deps.prisma, deps.attachmentMaxBytes);
    const upload: ReceivedUpload = await receiveUpload(req, deps.attachmentStore, { maxBytes, maxFiles: MAX_FILES_PER_UPLOAD });
    const discard = () => Promise.allSettled(upload.files.map((file) => deps.attachmentStore.delete(file.stored.key)));
    const fields = uploadFields.safeParse(upload.fields);
    if (!fields.success) {
      await discard();
      throw new HttpError(400, 'invalid_request', 'the upload has invalid fields', fieldErrors(fields.error));
    }
    const wrong = misfits(upload.files, fields.data.kind);
    if (wrong.length > 0) {
      await discard();
      throw new HttpError(400, 'invalid_request', `not a ${fields.data.kind}: ${wrong.map((f) => `${f.fileName} (${f.contentType})`).join(', ')}`, { kind: `does not fit ${wrong[0]!.contentType}` });
    }
    try {
      return await recordAttachments(deps.prisma, { caseId, kind: fields.data.kind, files: upload.files, actor: req.user!, now: now() });
    } catch (error) {
      await discard();
      throw error;
    }
  };
}

export function caseAttachmentRoutes(deps: AttachmentRouteDeps): Router {
  const router = Router({ mergeParams: true });
  const upload = attachmentUploads(deps);
  router.use(requireAuth(deps.jwtSecret));

  router.get('/', async (req, res) => {
    const { id } = caseAttachmentParams.parse(req.params);
    const { kind } = caseAttachmentListQuery.parse(req.query);
    const found = await visibleCaseOf(deps.prisma, req.user!, id);
    const rows = await deps.prisma.attachment.findMany({ where: { caseId: found.id, kind }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    res.json(rows.map(viewOf));
  });

  router.post('/', requireRoles(...UPLOADER_ROLES), async (req, res) => {
    const { id } = caseAttachmentParams.parse(req.params);
    const found = await visibleCaseOf(deps.prisma, req.user!, id);
    if (found.status === 'archived') throw new HttpError(409, 'invalidState', 'the case is archived: its record is final');
    res.status(201).json(await upload(req, found.id));
  });

  return router;
}

export function attachmentRoutes(deps: AttachmentRouteDeps): Router {
  const router = Router();
  const upload = attachmentUploads(deps);
  const now = () => deps.now?.() ?? new Date();
  router.use(requireAuth(deps.jwtSecret));

  router.post('/', requireRoles(...UPLOADER_ROLES), async (req, res) => {
    res.status(201).json(await upload(req, null));
  });

  router.get('/:id', async (req, res) => {
    const { id } = attachmentParams.parse(req.params);
    res.json(viewOf(await visibleAttachment(deps.prisma, req.user!, id)));
  });

  router.get('/:id/content', async (req, res) => {
    const { id } = attachmentParams.parse(req.params);
    const { inline } = attachmentContentQuery.parse(req.query);
    const row = await visibleAttachment(deps.prisma, req.user!, id);
    await refuseConfidentialAudio(deps.prisma, req.user!, row);
    if (row.kind === 'recording') deps.log.info({ attachmentId: row.id, caseId: row.caseId, userId: req.user!.sub, range: req.get('range') }, 'call recording read');
    await sendContent(req, res, deps.attachmentStore, row, { inline, log: deps.log });
  });

  router.delete('/:id', async (req, res) => {
    const { id } = attachmentParams.parse(req.params);
    const { reason } = removalBody.parse(req.body ?? {});
    const row = await visibleAttachment(deps.prisma, req.user!, id);
    const owningCase = row.caseId ? await deps.prisma.case.findUnique({ where: { id: row.caseId }, select: { resultSubmittedAt: true } }) : null;
    const refusal = removalRefusal({
      userId: req.user!.sub,
      uploadedById: row.uploadedById,
      uploadedAt: row.createdAt,
      resultSubmittedAt: owningCase?.resultSubmittedAt ?? null,
      citedByResult: row.caseId ? await isCitedByResult(deps.prisma, row.caseId, row.id) : false,
    });
    if (refusal) throw new HttpError(refusal.status, refusal.code, refusal.message);
    await recordRemoval(deps.prisma, row, req.user!, reason || null, now());
    // After the row is gone: bytes left behind by a failed delete are unreachable, never a
    // row that points at nothing.
    await deps.attachmentStore.delete(row.storageKey).catch((error) => deps.log.error({ err: error, attachmentId: row.id, storageKey: row.storageKey }, 'removed attachment left its bytes in the store'));
    res.status(204).end();
  });

  return router;
}
