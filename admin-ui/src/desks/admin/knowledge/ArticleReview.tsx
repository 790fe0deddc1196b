// The article's place in its review and what the signed-in user may do next.
import { Alert, Chip, Stack } from '@mui/material';
import { Link, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import { useRoles } from '../../../shell/access/roles';
import { ArticleAction } from './ArticleAction';
import type { Article } from './types';

export const ArticleStatusChip = () => {
  const translate = useTranslate();
  const article = useRecordContext<Article>();
  if (!article) return null;
  const color = { draft: 'default', inReview: 'warning', published: 'success', retired: 'default' } as const;
  return <Chip size="small" color={color[article.status]} label={translate(`hotline.admin.knowledge.status.${article.status}`)} data-testid="article-status" data-status={article.status} />;
};

export const ArticleReview = () => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const article = useRecordContext<Article>();
  const roles = useRoles();
  if (!article) return null;
  const isAdmin = roles.includes('admin');
  const isEditor = isAdmin || roles.includes('operator');
  return (
    <Stack spacing={1} sx={{ width: '100%' }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <ArticleStatusChip />
        {article.revisionOfId !== null && (
          <Link to={createPath({ resource: 'knowledge', type: 'edit', id: article.revisionOfId })}>{translate('hotline.admin.knowledge.revisionOf')}</Link>
        )}
        {article.revisionId !== null && (
          <Link to={createPath({ resource: 'knowledge', type: 'edit', id: article.revisionId })}>{translate('hotline.admin.knowledge.openRevision')}</Link>
        )}
        {article.status === 'draft' && isEditor && <ArticleAction action="submit" />}
        {article.status === 'inReview' && isAdmin && <ArticleAction action="publish" color="success" />}
        {article.status === 'inReview' && isAdmin && <ArticleAction action="send-back" reasonRequired color="warning" />}
        {article.status === 'published' && isEditor && article.revisionId === null && <ArticleAction action="revisions" />}
        {article.status === 'published' && isAdmin && <ArticleAction action="retire" reasonRequired color="error" />}
      </Stack>
      {article.reviewComment !== null && article.status === 'draft' && (
        <Alert severity="info" data-testid="review-comment">
          {translate('hotline.admin.knowledge.sentBackBecause', { reason: article.reviewComment })}
        </Alert>
      )}
    </Stack>
  );
};
