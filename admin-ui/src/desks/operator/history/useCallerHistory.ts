// The caller's earlier cases by the phone number as typed (debounced), newest first.
import { useGetList } from 'react-admin';
import type { CaseRecord } from '../../../resources/cases/types';
import { useDebounced } from '../useDebounced';

/** The API's phone rule (api/cases/registration.ts): only a plausible number is looked up. */
export const PHONE_PATTERN = /^\+?\d{5,20}$/;

export const useCallerHistory = (phone: string | null | undefined) => {
  const settled = useDebounced((phone ?? '').trim(), 400);
  const enabled = PHONE_PATTERN.test(settled);
  const { data, total, isFetching } = useGetList<CaseRecord>(
    'cases',
    { filter: { citizenPhone: settled }, sort: { field: 'receivedAt', order: 'DESC' }, pagination: { page: 1, perPage: 10 } },
    { enabled },
  );
  return { phone: enabled ? settled : null, cases: enabled ? (data ?? []) : [], total: enabled ? (total ?? 0) : 0, isFetching };
};
