// Operator intake: what a new case needs, validated before its workflow starts.
import { z } from 'zod';

export const registrationBody = z.object({
  channel: z.enum(['phone', 'sms', 'web', 'email', 'letter', 'wechat', 'open311', 'walkIn']),
  caseTypeCode: z.string().trim().min(1, 'required'),
  categoryId: z.string().trim().min(1).nullable().default(null),
  urgency: z.enum(['normal', 'urgent', 'emergency']).default('normal'),
  title: z.string().trim().min(1, 'required').max(200, 'at most 200 characters'),
  content: z.string().trim().min(1, 'required').max(10_000, 'at most 10000 characters'),
  citizenName: z.string().trim().max(50).nullable().default(null),
  citizenPhone: z
    .string()
    .trim()
    .regex(/^\+?\d{5,20}$/, 'digits, optionally with a leading +')
    .nullable()
    .default(null),
  address: z.string().trim().max(500).nullable().default(null),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  /** When the request reached the hotline; defaults to now. */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});

export type RegistrationBody = z.output<typeof registrationBody>;
