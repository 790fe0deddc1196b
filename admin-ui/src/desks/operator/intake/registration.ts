// The intake form's values, their checks (mirroring api/cases/registration.ts) and the body
// of POST /api/cases built from them.
import { maxLength, regex, required } from 'react-admin';
import { requiredText } from '../../../shell/forms/fieldRules';
import type { FieldValues } from 'react-hook-form';
import { PHONE_PATTERN } from '../history/useCallerHistory';

export interface IntakeValues {
  channel: string;
  citizenPhone: string | null;
  citizenName: string | null;
  caseTypeCode: string | null;
  categoryId: string | null;
  urgency: string;
  address: string | null;
  title: string;
  content: string;
  /** The caller agreed that the result may be published, redacted: asked, never assumed. */
  publishConsent: boolean;
  /** 实名保密: the caller asked that their identity be withheld from the units (a 举报 is anyway). */
  confidential: boolean;
}

export const intakeDefaults = (prefill: { phone?: string | null; channel?: string | null }): IntakeValues => ({
  channel: prefill.channel ?? 'phone',
  citizenPhone: prefill.phone ?? null,
  citizenName: null,
  caseTypeCode: null,
  categoryId: null,
  urgency: 'normal',
  address: null,
  title: '',
  content: '',
  publishConsent: false,
  confidential: false,
});

export const intakeValidators = {
  channel: [required()],
  citizenPhone: [regex(PHONE_PATTERN, 'hotline.operator.intake.phoneFormat')],
  citizenName: [maxLength(50)],
  caseTypeCode: [required()],
  address: [maxLength(500)],
  title: requiredText(200),
  content: requiredText(10_000),
};

const textOrNull = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export const registrationBodyOf = (values: FieldValues) => ({
  channel: text(values.channel),
  caseTypeCode: text(values.caseTypeCode),
  categoryId: textOrNull(values.categoryId),
  urgency: text(values.urgency) || 'normal',
  title: text(values.title),
  content: text(values.content),
  citizenName: textOrNull(values.citizenName),
  citizenPhone: textOrNull(values.citizenPhone),
  address: textOrNull(values.address),
  publishConsent: values.publishConsent === true,
  confidential: values.confidential === true,
});
