// Evidence does not vanish. A file may be removed only by the person who uploaded it, and only
// while it is not yet part of what the hotline office judged: not cited by a submitted result,
// and added after the case's latest result was submitted (or before any was). A mistaken upload
// can be taken back; a result's evidence cannot. Call recordings, stored by the system, have no
// uploader and are never removed. Removal is audited with the file's name, size and hash.

export interface RemovalFacts {
  userId: string;
  uploadedById: string | null;
  uploadedAt: Date;
  /** The case's latest result submission, if the file belongs to a case that has one. */
  resultSubmittedAt: Date | null;
  /** Whether a submitted result lists this file among its attachments. */
  citedByResult: boolean;
}

export type RemovalRefusal = { status: 403 | 409; code: string; message: string };

export function removalRefusal(facts: RemovalFacts): RemovalRefusal | null {
  if (facts.uploadedById === null || facts.uploadedById !== facts.userId) {
    return { status: 403, code: 'forbidden', message: 'only the person who uploaded a file may remove it' };
  }
  if (facts.citedByResult) {
    return { status: 409, code: 'invalidState', message: 'a submitted result cites this file: it is evidence now' };
  }
  if (facts.resultSubmittedAt && facts.uploadedAt.getTime() <= facts.resultSubmittedAt.getTime()) {
    return { status: 409, code: 'invalidState', message: 'the case’s result was submitted after this file was added: it is evidence now' };
  }
  return null;
}
