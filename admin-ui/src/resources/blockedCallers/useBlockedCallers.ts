// The blocks of one status, newest proposal first (GET /api/telephony/blocked-callers).
import { useGetList } from 'react-admin';
import type { BlockedCaller, BlockStatus } from './types';

export const BLOCKED_CALLERS_RESOURCE = 'telephony/blocked-callers';

export const useBlockedCallers = (status: BlockStatus, perPage = 50) =>
  useGetList<BlockedCaller>(BLOCKED_CALLERS_RESOURCE, { filter: { status }, pagination: { page: 1, perPage }, sort: { field: 'proposedAt', order: 'DESC' } });
