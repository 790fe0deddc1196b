// Access tokens for tests that skip /auth/login: signed as the API signs them, with the user's
// current session version (claim `sv`), which requireAuth checks against the database. Actors
// that the seed does not hold (tests/support/lifecycle.ts) are created as inactive-password users.
import { signAccessToken, type Role } from '../../api/auth/tokens';
import { testPrisma } from './db';
import { TEST_JWT_SECRET } from './http';

interface TokenActor {
  id: string;
  roles: readonly string[];
  unitId: string | null;
}

const ROLES: readonly string[] = ['operator', 'dispatcher', 'unitHandler', 'unitLeader', 'supervisor', 'auditor', 'admin'];
const versions = new Map<string, number>();

/** Makes sure the actors exist as users and remembers their session versions; await it in before(). */
export async function ensureActorUsers(actors: readonly TokenActor[]): Promise<void> {
  for (const actor of actors) {
    const roles = actor.roles.filter((role) => ROLES.includes(role)) as Role[];
    if (roles.length === 0 || !actor.unitId) continue;
    const user = await testPrisma().user.upsert({
      where: { id: actor.id },
      // No password can match this: the actor only ever uses tokens signed here.
      create: { id: actor.id, username: actor.id, displayName: actor.id, passwordHash: 'test-actor-without-password', roles, unitId: actor.unitId },
      update: {},
      select: { sessionVersion: true },
    });
    versions.set(actor.id, user.sessionVersion);
  }
}

/** A token of an actor passed to ensureActorUsers (an unknown one gets a version no user has: 401). */
export function actorToken(actor: TokenActor, ttlSeconds = 600): string {
  return signAccessToken({ sub: actor.id, username: actor.id, roles: [...actor.roles] as Role[], unitId: actor.unitId ?? 'hotline', sv: versions.get(actor.id) ?? -1 }, TEST_JWT_SECRET, ttlSeconds);
}
