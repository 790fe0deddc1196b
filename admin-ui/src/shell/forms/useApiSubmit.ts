// A form's onSubmit that sends through the API and keeps the form as it is on a refusal: field
// errors (400, and 409s that name a field) go onto their inputs, the reason into an alert above.
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { apiRefusalOf } from '../providers/apiRefusal';

export interface ApiSubmit {
  /** For react-admin's `Form`/`SimpleForm` `onSubmit`: resolves with the field errors, if any. */
  submit: (values: FieldValues) => Promise<Record<string, string> | undefined>;
  /** The refusal shown above the form (translated by its code, else the API's words). */
  refusal: string | null;
}

export const useApiSubmit = <T>(perform: (values: FieldValues) => Promise<T>, onDone?: (result: T) => void): ApiSubmit => {
  const translate = useTranslate();
  const [refusal, setRefusal] = useState<string | null>(null);

  const submit = async (values: FieldValues) => {
    setRefusal(null);
    try {
      const result = await perform(values);
      onDone?.(result);
      return undefined;
    } catch (error) {
      const { status, code, message, fields } = apiRefusalOf(error);
      setRefusal(status === 400 ? translate('hotline.refusal.fixFields') : translate(`hotline.refusal.${code ?? 'unknown'}`, { _: message }));
      return Object.keys(fields).length > 0 ? fields : undefined;
    }
  };

  return { submit, refusal };
};
