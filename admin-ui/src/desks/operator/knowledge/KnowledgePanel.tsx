// Beside the intake form: published answers found from what the operator has typed (title,
// else the start of the request) or from the search box, each with "answer directly".
import SearchIcon from '@mui/icons-material/Search';
import { Box, Button, Card, CardContent, CardHeader, Chip, CircularProgress, InputAdornment, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { KnowledgeArticle } from '../types';
import { useKnowledgeSearch } from './useKnowledgeSearch';

/** How much of the request stands in for a query while there is no title. */
const CONTENT_QUERY_CHARS = 30;

export interface KnowledgePanelProps {
  title: string;
  content: string;
  onAnswer: (article: KnowledgeArticle, answer: string) => void;
  /** While a direct answer is being sent. */
  busy: boolean;
}

export const KnowledgePanel = ({ title, content, onAnswer, busy }: KnowledgePanelProps) => {
  const translate = useTranslate();
  const [typed, setTyped] = useState('');
  const query = typed.trim() || title.trim() || content.trim().slice(0, CONTENT_QUERY_CHARS);
  const { query: searched, articles, isFetching } = useKnowledgeSearch(query);
  return (
    <Card variant="outlined" data-testid="knowledge-panel">
      <CardHeader title={translate('hotline.operator.knowledge.title')} slotProps={{ title: { variant: 'subtitle1', component: 'h2' } }} action={isFetching && <CircularProgress size={18} />} sx={{ pb: 0 }} />
      <CardContent sx={{ pt: 1 }}>
        <TextField
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          label={translate('hotline.operator.knowledge.search')}
          helperText={translate('hotline.operator.knowledge.hint')}
          size="small"
          fullWidth
          slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" /></InputAdornment> } }}
        />
        {searched !== '' && articles.length === 0 && !isFetching && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>{translate('hotline.operator.knowledge.none')}</Typography>
        )}
        <Stack spacing={1} sx={{ mt: 1, maxHeight: 420, overflowY: 'auto' }}>
          {articles.map((article) => (
            <ArticleAnswers key={article.id} article={article} onAnswer={onAnswer} busy={busy} />
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
};

const ArticleAnswers = ({ article, onAnswer, busy }: { article: KnowledgeArticle; onAnswer: KnowledgePanelProps['onAnswer']; busy: boolean }) => {
  const translate = useTranslate();
  return (
    <Box data-testid="knowledge-article" data-article-id={article.id} sx={{ borderLeft: 3, borderColor: 'primary.light', pl: 1 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="subtitle2" component="h3">{article.title}</Typography>
        {article.matchedBy === 'similarTitle' && <Chip size="small" variant="outlined" label={translate('hotline.operator.knowledge.similar')} />}
      </Stack>
      {article.answers.map((answer) => (
        <Box key={answer.id} sx={{ mt: 0.5 }}>
          <Typography variant="body2">{answer.body}</Typography>
          <Button size="small" disabled={busy} onClick={() => onAnswer(article, answer.body)} data-testid="answer-directly">
            {translate('hotline.operator.knowledge.answerDirectly')}
          </Button>
        </Box>
      ))}
    </Box>
  );
};
