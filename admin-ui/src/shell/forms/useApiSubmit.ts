// A form's onSubmit that sends through the API and keeps the form as it is on a refusal: field
// errors (400, and 409s that name a field) go onto their inputs, the reason into an alert above.
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { apiRefusalOf, refusalText, type RefusalText } from '../providers/apiRefusal';

export interface ApiSubmit {
  /** For react-admin's `Form`/`SimpleForm` `onSubmit`: resolves with the field errors, if any. */
  submit: (values: FieldValues) => Promise<Record<string, string> | undefined>;
  /** The refusal shown above the form (refusalText: its kind by code over the API's words). */
  refusal: RefusalText | null;
}

/**
 * `formField` names the form's input for an API field where the two differ. An error left on a
 * name the form has no input for would never be cleared, and would keep the form from being sent again.
 */
export const useApiSubmit = <T>(
  perform: (values: FieldValues) => Promise<T>,
  onDone?: (result: T) => void,
  formField: (apiField: string) => string = (field) => field,
): ApiSubmit => {
  const translate = useTranslate();
  const [refusal, setRefusal] = useState<RefusalText | null>(null);

  const submit = async (values: FieldValues) => {
    setRefusal(null);
    try {
      const result = await perform(values);
      onDone?.(result);
      return undefined;
    } catch (error) {
      const refusal = apiRefusalOf(error);
      setRefusal(refusalText(translate, refusal));
      const fields = Object.entries(refusal.fields);
      return fields.length > 0 ? Object.fromEntries(fields.map(([field, message]) => [formField(field), message])) : undefined;
    }
  };

  return { submit, refusal };
};
