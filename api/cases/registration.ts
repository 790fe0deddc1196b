// Operator intake: what a new case needs, validated before its workflow starts. Every door that
// registers a case (web form, Open311, SMS drafts, IVR) ends in this schema.
import { z } from 'zod';
import { identifier, requiredLine, requiredText, singleLineText } from '../../rules/text';
import { CHANNELS, URGENCIES } from '../../rules/vocabulary';
import { phoneNumber } from '../http/fields';

export const registrationBody = z.object({
  channel: z.enum(CHANNELS),
  caseTypeCode: identifier(50),
  categoryId: identifier(100).nullable().default(null),
  urgency: z.enum(URGENCIES).default('normal'),
  title: requiredLine(200),
  content: requiredText(10_000),
  citizenName: singleLineText(50).nullable().default(null),
  citizenPhone: phoneNumber.nullable().default(null),
  address: singleLineText(500).nullable().default(null),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  /** The citizen agreed that the result may be published on the citizen pages, redacted, once the case is closed. */
  publishConsent: z.boolean().default(false),
  /** 实名保密: the citizen asked that their identity be withheld from the units (a 举报 is confidential whatever this says). */
  confidential: z.boolean().default(false),
  /** 回避: the unit the citizen complains about; it does not receive the citizen's words. */
  complainedUnitId: identifier(100).nullable().default(null),
  /** When the request reached the hotline; defaults to now. */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});

export type RegistrationBody = z.output<typeof registrationBody>;
