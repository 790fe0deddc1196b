// The scalar rules a city tunes, one schema per key: a key without a schema here is internal
// (e.g. the seed's marker) and cannot be edited through the API. Exported for the OpenAPI
// document; tests/api check that every seeded default passes its schema.
import { z } from 'zod';
import { identifier, jsonValue, requiredLine, requiredText } from '../../rules/text';
import { idFilter, jsonParam, rangeParam, sortParam } from '../http/simpleRest';
import { optionalReason } from '../http/fields';
import { assessmentSchemeSchema } from '../../statistics/scheme';
import { targetsSchema } from '../../statistics/targets';
import { MAX_ACCESS_TTL_SECONDS } from '../auth/tokens';
import { Channel } from '../../prisma/generated/enums';

const wholeNumber = (min: number, max: number) => z.number().int('a whole number').min(min, `at least ${min}`).max(max, `at most ${max}`);
/** Whole-object checks only make sense once every field is valid. */
const validSoFar = (payload: { issues: unknown[] }) => payload.issues.length === 0;
const clockTime = identifier(5).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm');
const caseTypeCode = identifier(50).regex(/^[a-zA-Z][\w-]{0,49}$/, 'a case type code, e.g. complaint');

export const SETTING_VALUE_SCHEMAS: Record<string, z.ZodType> = {
  'extension.maxTotalWorkingDays': wholeNumber(0, 60),
  'return.maxCount': wholeNumber(1, 10),
  // Survey calls before the SMS; 0 sends the survey by SMS at once.
  'callback.maxAttempts': wholeNumber(0, 10),
  'callback.attemptWaitMinutes': wholeNumber(1, 7 * 24 * 60),
  'callback.callRetryMinutes': wholeNumber(1, 24 * 60),
  // Seed 003: urged this many times and still not done → 通报批评; 0 turns the rule off.
  'urge.criticismThreshold': wholeNumber(0, 20),
  'duplicate.windowDays': wholeNumber(1, 365),
  'warning.defaultRatio': z.number().gt(0, 'between 0 and 1').lt(1, 'between 0 and 1'),
  'assessment.weights': z
    .object({ workPerformance: z.number().min(0).max(1), citizenEvaluation: z.number().min(0).max(1) })
    .strict()
    .refine((w) => Math.abs(w.workPerformance + w.citizenEvaluation - 1) < 1e-9, { message: 'the weights add up to 1', when: validSoFar }),
  'assessment.scheme': assessmentSchemeSchema,
  'assessment.targets': targetsSchema,
  // 响应率's window, in calendar hours after dispatch (docs/statistics.md).
  'response.withinHours': wholeNumber(1, 30 * 24),
  // docs/statistics-hotspots.md: the baseline, the threshold and the grid of the hot spots.
  'hotspots.detection': z
    .object({
      baselineMonths: wholeNumber(2, 24),
      sigmaFactor: z.number().min(0.5, 'at least 0.5').max(10, 'at most 10'),
      minCount: wholeNumber(1, 100_000),
      gridDegrees: z.number().min(0.001, 'at least 0.001').max(1, 'at most 1'),
    })
    .strict(),
  'repeatComplaints.detection': z.object({ minCases: wholeNumber(2, 100), windowDays: wholeNumber(1, 365) }).strict(),
  // docs/security.md (sessions): the access token's lifetime; JWT_ACCESS_TTL_SECONDS is its ceiling.
  'session.accessTtlSeconds': wholeNumber(60, MAX_ACCESS_TTL_SECONDS),
  // docs/security.md (login): attempts counted per address, per username and per both, in a fixed window.
  'login.throttle': z
    .object({
      perAddress: wholeNumber(1, 100_000),
      perUsername: wholeNumber(1, 1_000),
      perUsernameAndAddress: wholeNumber(1, 100),
      windowMinutes: wholeNumber(1, 24 * 60),
    })
    .strict(),
  'ivr.seatHours': z
    .object({ start: clockTime, end: clockTime, timeZone: z.literal('Asia/Shanghai') })
    .strict()
    .refine((h) => h.start < h.end, { message: 'start before end', when: validSoFar }),
  'ivr.maxQueueLength': wholeNumber(0, 1000),
  'ivr.voiceCaseTypeCode': caseTypeCode,
  'open311.caseTypeCode': caseTypeCode,
  'open311.discovery': z.object({ contact: requiredLine(200), keyService: requiredText(500) }).strict(),
  // What the anonymous Open311 list shows: cases of these types that came in through these channels (举报 never).
  'open311.publicListing': z
    .object({
      caseTypeCodes: z.array(caseTypeCode).max(50).refine((codes) => !codes.includes('report'), { message: '举报 (report) cases are never listed publicly' }),
      channels: z.array(z.enum(Channel)).max(20),
    })
    .strict(),
  // The web form's caps against SMS bombing and duplicates (api/public/formCaps.ts).
  'publicForm.limits': z
    .object({ phonesPerAddressPerDay: wholeNumber(1, 1000), receiptsPerPhonePerDay: wholeNumber(1, 100), duplicateWindowMinutes: wholeNumber(0, 7 * 24 * 60) })
    .strict(),
  // Failed checks of one case's secret a day, all channels together (api/public/caseChecks.ts).
  'caseLookup.failedChecksPerDay': wholeNumber(1, 1000),
  // sizeBytes is an Int column: a file cannot be larger than 2 GiB − 1.
  'attachment.maxBytes': wholeNumber(1, 2 ** 31 - 1),
};

/** Settings whose value names a case type intakes register as: it must be an active one, or those intakes would be refused. */
export const CASE_TYPE_SETTINGS: ReadonlySet<string> = new Set(['ivr.voiceCaseTypeCode', 'open311.caseTypeCode']);

export const settingListFilter = z.object({ id: idFilter, q: requiredLine(50) }).partial().strict();

export const SETTING_SORTABLE = ['id', 'updatedAt'] as const;

export const settingListQuery = z.object({
  filter: jsonParam(settingListFilter).optional(),
  range: rangeParam.optional(),
  sort: sortParam(SETTING_SORTABLE).optional(),
});

export const settingParams = z.object({ id: identifier(100) });

/** The value is checked against its key's schema (SETTING_VALUE_SCHEMAS); its text is cleaned first. */
export const settingUpdateBody = z.object({ value: jsonValue, reason: optionalReason });
