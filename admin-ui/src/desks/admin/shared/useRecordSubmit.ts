// Create and edit through react-admin's mutations (so lists and references refresh), with the
// API's refusals kept in the form (useApiSubmit) instead of react-admin's undoable save.
import { useCreate, useNotify, useRecordContext, useRedirect, useResourceContext, useUpdate, type RaRecord, type RedirectionSideEffect } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { useApiSubmit, type ApiSubmit } from '../../../shell/forms/useApiSubmit';

interface SubmitOptions {
  /** Maps the form's values to the request body (default: as they are). */
  toBody?: (values: FieldValues) => FieldValues;
  redirect?: RedirectionSideEffect;
}

export const useCreateSubmit = ({ toBody = (values) => values, redirect: redirectTo = 'list' }: SubmitOptions = {}): ApiSubmit => {
  const resource = useResourceContext() ?? '';
  const [create] = useCreate<RaRecord>();
  // With returnPromise the mutation resolves with the saved record (its type also allows void).
  const notify = useNotify();
  const redirect = useRedirect();
  return useApiSubmit(
    async (values) => (await create(resource, { data: toBody(values) }, { returnPromise: true })) as RaRecord,
    (record) => {
      notify('ra.notification.created', { type: 'info', messageArgs: { smart_count: 1 } });
      redirect(redirectTo, resource, record.id, record);
    },
  );
};

export const useUpdateSubmit = ({ toBody = (values) => values, redirect: redirectTo = 'list' }: SubmitOptions = {}): ApiSubmit => {
  const resource = useResourceContext() ?? '';
  const record = useRecordContext<RaRecord>();
  const [update] = useUpdate<RaRecord>();
  const notify = useNotify();
  const redirect = useRedirect();
  return useApiSubmit(
    async (values) => (await update(resource, { id: record?.id ?? '', data: toBody(values), previousData: record }, { mutationMode: 'pessimistic', returnPromise: true })) as RaRecord,
    (saved) => {
      notify('ra.notification.updated', { type: 'info', messageArgs: { smart_count: 1 } });
      redirect(redirectTo, resource, saved.id, saved);
    },
  );
};
