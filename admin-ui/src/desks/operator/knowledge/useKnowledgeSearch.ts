// Published knowledge-base answers for a query (GET /api/knowledge/search).
import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';
import type { KnowledgeArticle } from '../types';
import { useDebounced } from '../useDebounced';

/** The API's limit on a query (api/knowledge/schemas.ts). */
const MAX_QUERY = 100;

export const useKnowledgeSearch = (query: string) => {
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const q = useDebounced(query.trim().slice(0, MAX_QUERY), 400);
  const { data, isFetching } = useQuery({
    queryKey: ['knowledge-search', q],
    queryFn: ({ signal }) => dataProvider.getJson<KnowledgeArticle[]>(`/api/knowledge/search?q=${encodeURIComponent(q)}&limit=5`, { signal }),
    enabled: q.length > 0,
  });
  return { query: q, articles: q.length > 0 ? (data ?? []) : [], isFetching };
};
