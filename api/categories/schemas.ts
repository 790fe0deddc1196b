// What the category endpoints accept. Exported for the OpenAPI document.
import { z } from 'zod';
import { identifier, requiredLine, singleLineText } from '../../rules/text';
import { idFilter, jsonParam, rangeParam, sortParam } from '../http/simpleRest';
import { name, optionalReason, slug, sortOrder } from '../http/fields';

export const categoryListFilter = z
  .object({
    id: idFilter,
    parentId: identifier(100).nullable(),
    /** The category and every category below it. */
    ancestorId: identifier(100),
    defaultUnitId: identifier(100),
    active: z.boolean(),
    /** Part of the name or code. */
    q: requiredLine(50),
  })
  .partial()
  .strict();

export const CATEGORY_SORTABLE = ['id', 'code', 'name', 'sortOrder', 'active', 'defaultUnitId', 'updatedAt'] as const;

export const categoryListQuery = z.object({
  filter: jsonParam(categoryListFilter).optional(),
  range: rangeParam.optional(),
  sort: sortParam(CATEGORY_SORTABLE).optional(),
});

const categoryFields = {
  code: slug,
  name: name(100),
  nameEn: singleLineText(200).nullable(),
  /** The unit a dispatcher is offered first for cases of this category. */
  defaultUnitId: identifier(100).nullable(),
  /** null: a top-level category. */
  parentId: identifier(100).nullable(),
  sortOrder,
  reason: optionalReason,
};

export const categoryCreateBody = z.object({
  ...categoryFields,
  /** Defaults to `cat-<code>`. */
  id: slug.optional(),
  nameEn: categoryFields.nameEn.default(null),
  defaultUnitId: categoryFields.defaultUnitId.default(null),
  parentId: categoryFields.parentId.default(null),
  sortOrder: sortOrder.default(0),
});

/** Any subset of the editable fields; a new parentId moves the category with its subtree. */
export const categoryUpdateBody = z.object({ ...categoryFields, active: z.boolean() }).partial();

export type CategoryUpdateBody = z.output<typeof categoryUpdateBody>;
