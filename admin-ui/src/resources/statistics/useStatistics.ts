import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { HotlineDataProvider } from '../../shell/providers/dataProvider';

/** `GET` one statistics path through the data provider; `null` waits (nothing to ask yet). */
export const useStatistics = <T>(path: string | null) => {
  const dataProvider = useDataProvider<HotlineDataProvider>();
  return useQuery({
    queryKey: ['hotline', 'statistics', path],
    queryFn: ({ signal }) => dataProvider.getJson<T>(path ?? '', { signal }),
    enabled: path !== null,
    // The figures take seconds on a large city: keep them while the user switches tabs.
    staleTime: 60_000,
  });
};
