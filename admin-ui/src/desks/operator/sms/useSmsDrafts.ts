// Citizens' free-text SMS waiting to be registered or dismissed (GET /api/telephony/sms-drafts).
import { useGetList } from 'react-admin';
import type { SmsDraft } from '../types';

export const SMS_DRAFTS_RESOURCE = 'telephony/sms-drafts';

export const useSmsDrafts = (perPage: number) =>
  useGetList<SmsDraft>(SMS_DRAFTS_RESOURCE, { filter: { state: 'open' }, pagination: { page: 1, perPage }, sort: { field: 'receivedAt', order: 'DESC' } });
