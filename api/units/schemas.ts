// What the unit endpoints accept. Exported for the OpenAPI document.
import { z } from 'zod';
import { identifier, requiredLine, singleLineText } from '../../rules/text';
import { UnitKind } from '../../prisma/generated/enums';
import { idFilter, jsonParam, rangeParam, sortParam } from '../http/simpleRest';
import { name, optionalReason, phoneNumber, slug, sortOrder } from '../http/fields';

/** 0 = hotline office, 1 = 一级网络, 2/3 = 二级/三级 (DOMAIN.md). */
export const MAX_UNIT_LEVEL = 3;

export const unitListFilter = z
  .object({
    id: idFilter,
    parentId: identifier(100).nullable(),
    /** The unit and every unit below it. */
    ancestorId: identifier(100),
    active: z.boolean(),
    kind: z.enum(UnitKind),
    level: z.number().int().min(0).max(MAX_UNIT_LEVEL),
    /** Part of the name or code. */
    q: requiredLine(50),
  })
  .partial()
  .strict();

export const UNIT_SORTABLE = ['id', 'code', 'name', 'level', 'sortOrder', 'active', 'updatedAt'] as const;

export const unitListQuery = z.object({
  filter: jsonParam(unitListFilter).optional(),
  range: rangeParam.optional(),
  sort: sortParam(UNIT_SORTABLE).optional(),
});

const unitFields = {
  code: slug,
  name: name(100),
  nameEn: singleLineText(200).nullable(),
  kind: z.enum(UnitKind),
  dutyPhone: phoneNumber.nullable(),
  sortOrder,
  reason: optionalReason,
};

/** A new unit under `parentId`; its lineage and level follow from the parent. */
export const unitCreateBody = z.object({
  ...unitFields,
  /** Defaults to the code. */
  id: slug.optional(),
  parentId: identifier(100),
  nameEn: unitFields.nameEn.default(null),
  dutyPhone: unitFields.dutyPhone.default(null),
  sortOrder: sortOrder.default(0),
});

/**
 * Any subset of the editable fields (react-admin sends the whole record; read-only fields such
 * as lineage and level are ignored). A new parentId moves the unit with its subtree.
 */
export const unitUpdateBody = z
  .object({ ...unitFields, parentId: identifier(100).nullable(), active: z.boolean() })
  .partial();

export type UnitCreateBody = z.output<typeof unitCreateBody>;
export type UnitUpdateBody = z.output<typeof unitUpdateBody>;
