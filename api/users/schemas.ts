// What the user endpoints accept. Exported for the OpenAPI document.
import { z } from 'zod';
import { identifier, requiredLine, secretText } from '../../rules/text';
import { Role } from '../../prisma/generated/enums';
import { idFilter, jsonParam, rangeParam, sortParam } from '../http/simpleRest';
import { name, optionalReason, phoneNumber, slug } from '../http/fields';
import { PASSWORD_MAX_LENGTH, passwordProblem } from './passwordPolicy';

export const userListFilter = z
  .object({
    id: idFilter,
    /** Part of the username or display name. */
    q: requiredLine(50),
    unitId: identifier(100),
    role: z.enum(Role),
    active: z.boolean(),
  })
  .partial()
  .strict();

export const USER_SORTABLE = ['id', 'username', 'displayName', 'unitId', 'active', 'lastLoginAt', 'createdAt', 'updatedAt'] as const;

export const userListQuery = z.object({
  filter: jsonParam(userListFilter).optional(),
  range: rangeParam.optional(),
  sort: sortParam(USER_SORTABLE).optional(),
});

export const username = identifier(32).toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, '3–32 lower-case letters, digits, ".", "_" or "-"');

const roles = z
  .array(z.enum(Role))
  .min(1, 'at least one role')
  .refine((list) => new Set(list).size === list.length, 'each role once');

/** A password checked against the policy (the username check needs the account: see below). */
export const password = secretText(PASSWORD_MAX_LENGTH).superRefine((value, ctx) => {
  const problem = passwordProblem(value, undefined);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const userFields = {
  username,
  displayName: name(50),
  roles,
  unitId: identifier(100),
  phone: phoneNumber.nullable(),
  active: z.boolean(),
  reason: optionalReason,
};

export const userCreateBody = z
  .object({
    ...userFields,
    /** Defaults to `user-<username>`. */
    id: slug.optional(),
    password,
    phone: userFields.phone.default(null),
    active: userFields.active.default(true),
  })
  .superRefine((body, ctx) => {
    const problem = passwordProblem(body.password, body.username);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  });

/** Any subset of the editable fields; the password is changed only by a reset. */
export const userUpdateBody = z
  .object({
    ...userFields,
    password: z.never({ error: 'set a password with POST /api/users/:id/password' }).optional(),
  })
  .partial();

export const passwordResetBody = z.object({ password, reason: optionalReason });

export type UserCreateBody = z.output<typeof userCreateBody>;
export type UserUpdateBody = z.output<typeof userUpdateBody>;
