/** A knowledge article as `GET /api/knowledge/:id` returns it. */
export interface Article {
  id: string;
  title: string;
  categoryId: string | null;
  keywords: string[];
  status: 'draft' | 'inReview' | 'published' | 'retired';
  answers: { id: string; body: string; sortOrder: number }[];
  revisionOfId: string | null;
  revisionId: string | null;
  reviewComment: string | null;
  publishedAt: string | null;
  updatedAt: string;
}
