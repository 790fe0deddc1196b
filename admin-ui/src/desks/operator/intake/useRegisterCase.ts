// POST /api/cases from the intake form's values: the registered case, or the API's field
// errors to show on the inputs, or its refusal as a message. Sending the same values again after
// a failure is the same registration (one Idempotency-Key): a lost answer never makes two cases.
import { useDataProvider, useTranslate } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';
import { apiRefusalOf, refusalLine, refusalText } from '../../../shell/providers/apiRefusal';
import { useActionKeys } from '../../../shell/providers/actionKeys';
import type { RegisteredCase } from '../types';
import { registrationBodyOf } from './registration';

export type RegistrationAttempt =
  | { ok: true; registered: RegisteredCase }
  | { ok: false; fields: Record<string, string>; message: string };

export type RegisterCase = (values: FieldValues) => Promise<RegistrationAttempt>;

export const useRegisterCase = (): RegisterCase => {
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const translate = useTranslate();
  const keys = useActionKeys();
  return async (values: FieldValues): Promise<RegistrationAttempt> => {
    try {
      const body = registrationBodyOf(values);
      const registered = await dataProvider.sendJson<RegisteredCase>('/api/cases', body, 'POST', { idempotencyKey: keys.keyFor(body) });
      keys.done();
      return { ok: true, registered };
    } catch (error) {
      const refusal = apiRefusalOf(error);
      const message = translate('hotline.operator.intake.failed', { message: refusalLine(refusalText(translate, refusal)) });
      return { ok: false, fields: refusal.fields, message };
    }
  };
};
