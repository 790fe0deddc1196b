// The settings API's requests. Each value is checked against its key's schema in
// rules/settings.ts; a key not defined there is internal (e.g. the seed's marker) and cannot be
// edited through the API.
import { z } from 'zod';
import { identifier, jsonValue, requiredLine } from '../../rules/text';
import { idFilter, jsonParam, rangeParam, sortParam } from '../http/simpleRest';
import { optionalReason } from '../http/fields';
import type { RuleSettingKey } from '../../rules/settings';

/** Settings whose value names a case type intakes register as: it must be an active one, or those intakes would be refused. */
export const CASE_TYPE_SETTINGS: ReadonlySet<RuleSettingKey> = new Set<RuleSettingKey>(['ivr.voiceCaseTypeCode', 'open311.caseTypeCode']);

export const settingListFilter = z.object({ id: idFilter, q: requiredLine(50) }).partial().strict();

export const SETTING_SORTABLE = ['id', 'updatedAt'] as const;

export const settingListQuery = z.object({
  filter: jsonParam(settingListFilter).optional(),
  range: rangeParam.optional(),
  sort: sortParam(SETTING_SORTABLE).optional(),
});

export const settingParams = z.object({ id: identifier(100) });

/** The value is checked against its key's schema (RULE_SETTINGS); its text is cleaned first. */
export const settingUpdateBody = z.object({ value: jsonValue, reason: optionalReason });
