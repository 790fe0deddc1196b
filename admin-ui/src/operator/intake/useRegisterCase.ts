// POST /api/cases from the intake form's values: the registered case, or the API's field
// errors to show on the inputs, or its refusal as a message.
import { useDataProvider, useTranslate } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import type { HotlineDataProvider } from '../../providers/dataProvider';
import { apiRefusalOf } from '../../providers/apiRefusal';
import type { RegisteredCase } from '../types';
import { registrationBodyOf } from './registration';

export type RegistrationAttempt =
  | { ok: true; registered: RegisteredCase }
  | { ok: false; fields: Record<string, string>; message: string };

export const useRegisterCase = () => {
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const translate = useTranslate();
  return async (values: FieldValues): Promise<RegistrationAttempt> => {
    try {
      const registered = await dataProvider.sendJson<RegisteredCase>('/api/cases', registrationBodyOf(values));
      return { ok: true, registered };
    } catch (error) {
      const fields = apiRefusalOf(error).fields;
      const message = Object.keys(fields).length > 0
        ? translate('hotline.operator.intake.fixFields')
        : translate('hotline.operator.intake.failed', { message: error instanceof Error ? error.message : String(error) });
      return { ok: false, fields, message };
    }
  };
};
