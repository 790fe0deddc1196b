// The knowledge base's editorial rules as one plain function: which action an article's state
// allows, and who may take it. Four eyes: whoever wrote, last edited or submitted the text may
// not publish it. That refusal is 403 (it depends on who asks: another admin's identical
// request succeeds), while an action the state does not allow is 409.
import { HttpError } from '../http/errors';

export type ArticleStatus = 'draft' | 'inReview' | 'published' | 'retired';
export type ArticleAction = 'edit' | 'submit' | 'publish' | 'sendBack' | 'retire' | 'revise' | 'delete';

export interface ArticleFacts {
  id: string;
  status: ArticleStatus;
  createdById: string | null;
  updatedById: string | null;
  submittedById: string | null;
  /** The open revision of a published article, if one exists. */
  revisionId: string | null;
}

export interface Editor {
  id: string;
  isAdmin: boolean;
}

const ALLOWED_IN: Record<ArticleAction, ArticleStatus> = {
  edit: 'draft',
  submit: 'draft',
  delete: 'draft',
  publish: 'inReview',
  sendBack: 'inReview',
  retire: 'published',
  revise: 'published',
};

const HINT: Record<ArticleStatus, string> = {
  draft: 'it is a draft: submit it for review first',
  inReview: 'it is in review: a reviewer publishes it or sends it back first',
  published: 'it is published: change it through a revision (POST /api/knowledge/:id/revisions)',
  retired: 'it is retired',
};

/** Throws the refusal of `action` on `article` by `editor`; returns when it is allowed. */
export function assertArticleAction(action: ArticleAction, article: ArticleFacts, editor: Editor): void {
  if (article.status !== ALLOWED_IN[action]) throw new HttpError(409, 'invalid_state', `cannot ${action} article ${article.id}: ${HINT[article.status]}`);
  if (action === 'publish' && [article.createdById, article.updatedById, article.submittedById].includes(editor.id)) {
    throw new HttpError(403, 'four_eyes', 'you wrote, edited or submitted this text: another reviewer must publish it');
  }
  if (action === 'delete' && !editor.isAdmin && article.createdById !== editor.id) throw new HttpError(403, 'forbidden', 'only its author or an admin may delete a draft');
  if (action === 'revise' && article.revisionId) throw new HttpError(409, 'revision_exists', `article ${article.id} already has an open revision ${article.revisionId}`, { revisionId: article.revisionId });
}
