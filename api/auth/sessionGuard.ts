// Whether an access token's session still holds: its user exists, is active, and has the session
// version the token was issued under (a database trigger moves User.sessionVersion on whenever
// active, roles, unitId or the password hash change). Each API process keeps the answer for at
// most SESSION_CACHE_MS, so a deactivation or a role change ends sessions on every process
// within about a second, at one indexed read per user and second under load.
import type { Application, Request } from 'express';
import type { PrismaClient } from '../../prisma/client';

/** How long a process trusts what it read of a user's session version. */
export const SESSION_CACHE_MS = 1_000;
/** Users whose state a process remembers; the oldest entries go first. */
const MAX_ENTRIES = 10_000;

interface Entry {
  readAt: number;
  state: Promise<{ sessionVersion: number; active: boolean } | null>;
}

export class SessionGuard {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly prisma: Pick<PrismaClient, 'user'>,
    private readonly cacheMs = SESSION_CACHE_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** True when the user is active and still at session version `sv`. */
  async holds(userId: string, sv: number): Promise<boolean> {
    const state = await this.stateOf(userId);
    return state !== null && state.active && state.sessionVersion === sv;
  }

  private stateOf(userId: string): Entry['state'] {
    const now = this.clock();
    const cached = this.entries.get(userId);
    if (cached && now - cached.readAt < this.cacheMs) return cached.state;
    // Concurrent requests of one user share one read; a failed read is not kept.
    const state = this.prisma.user.findUnique({ where: { id: userId }, select: { sessionVersion: true, active: true } });
    const entry: Entry = { readAt: now, state };
    state.catch(() => {
      if (this.entries.get(userId) === entry) this.entries.delete(userId);
    });
    this.entries.delete(userId);
    this.entries.set(userId, entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    return state;
  }
}

const KEY = 'sessionGuard';

/** Installs the app's guard, which requireAuth (on every router) and the live feed consult. */
export function installSessionGuard(app: Application, guard: SessionGuard): void {
  app.locals[KEY] = guard;
}

/** The guard of the app serving `req`; a missing one is a wiring error, and refuses. */
export function sessionGuardOf(req: Request): SessionGuard {
  const guard = req.app.locals[KEY] as SessionGuard | undefined;
  if (!guard) throw new Error('no session guard installed on the app (api/app.ts installSessionGuard)');
  return guard;
}
