// What /api/users answers: everything of an account that may leave the server (never the
// password hash).
import type { UserGetPayload, UserSelect } from '../../prisma/generated/models';

export const USER_PUBLIC_FIELDS = {
  id: true, username: true, displayName: true, roles: true, unitId: true, phone: true, active: true,
  sessionVersion: true, lastLoginAt: true, createdAt: true, updatedAt: true,
} as const satisfies UserSelect;

export type UserAnswer = UserGetPayload<{ select: typeof USER_PUBLIC_FIELDS }>;
