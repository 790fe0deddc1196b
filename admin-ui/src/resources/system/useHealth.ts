import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { HotlineDataProvider } from '../../shell/providers/dataProvider';

const REFRESH_INTERVAL_MS = 30_000;

/** `GET /healthz` through the data provider, refreshed every 30 s. */
export const useHealth = () => {
  const dataProvider = useDataProvider<HotlineDataProvider>();
  return useQuery({
    queryKey: ['hotline', 'health'],
    queryFn: ({ signal }) => dataProvider.getHealth({ signal }),
    refetchInterval: REFRESH_INTERVAL_MS,
    // Fail fast when the backend is down: the card says so and keeps polling.
    retry: 1,
  });
};
