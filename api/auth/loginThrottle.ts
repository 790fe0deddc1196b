// Login throttling shared by every API process: one row per key in "LoginThrottle", counted in a
// fixed window by a single INSERT … ON CONFLICT DO UPDATE … RETURNING, before the password hash
// is checked, so that parallel attempts cannot slip between a read and a write.
//
//   ip:<address>                         every attempt from an address (the dominant limit)
//   user:<username>                      every attempt at a username, from anywhere
//   user:<username>|ip:<address>         the attempts of one address at one username
//
// An address is refused past perAddress attempts in the window. A username is a soft limit: once
// it drew more than perUsername attempts, each address may try it only perUsernameAndAddress
// times in the window — the attacker's addresses are refused, while the owner at a desk that has
// not been failing still gets in. Successful logins are refunded, so only failures accumulate.
// Keys are charged whether or not the username exists: a refusal says nothing about accounts.
import type { PrismaClient } from '../../prisma/client';
import type { LoginThrottleRule } from './authSettings';

export interface ThrottleCharge {
  keys: string[];
  /** Seconds until the attempt would be allowed again; null when allowed. */
  retryAfterSeconds: number | null;
  /** Which limit refused it (for the log). */
  refusedBy: 'address' | 'username' | null;
}

interface CountRow {
  key: string;
  count: number;
  /** Seconds left in the key's window. */
  remaining: number;
}

export function throttleKeys(username: string, address: string): { address: string; username: string; pair: string } {
  return { address: `ip:${address}`, username: `user:${username}`, pair: `user:${username}|ip:${address}` };
}

export async function chargeLoginAttempt(prisma: PrismaClient, username: string, address: string, rule: LoginThrottleRule): Promise<ThrottleCharge> {
  const keys = throttleKeys(username, address);
  const all = [keys.address, keys.username, keys.pair];
  const rows = await prisma.$queryRawUnsafe<CountRow[]>(
    `INSERT INTO "LoginThrottle" ("key", "windowStart", "count")
       SELECT k, now(), 1 FROM unnest($1::text[]) AS k
     ON CONFLICT ("key") DO UPDATE SET
       "count" = CASE WHEN "LoginThrottle"."windowStart" <= now() - make_interval(mins => $2::int) THEN 1 ELSE "LoginThrottle"."count" + 1 END,
       "windowStart" = CASE WHEN "LoginThrottle"."windowStart" <= now() - make_interval(mins => $2::int) THEN now() ELSE "LoginThrottle"."windowStart" END
     RETURNING "key", "count", GREATEST(1, CEIL(EXTRACT(EPOCH FROM "windowStart" + make_interval(mins => $2::int) - now())))::int AS "remaining"`,
    all,
    rule.windowMinutes,
  );
  const row = (key: string) => rows.find((r) => r.key === key) ?? { key, count: 1, remaining: rule.windowMinutes * 60 };
  const ip = row(keys.address);
  const user = row(keys.username);
  const pair = row(keys.pair);
  if (ip.count > rule.perAddress) return { keys: all, retryAfterSeconds: ip.remaining, refusedBy: 'address' };
  if (user.count > rule.perUsername && pair.count > rule.perUsernameAndAddress) {
    // Allowed again when either the username's or this address's window at it starts afresh.
    return { keys: all, retryAfterSeconds: Math.min(user.remaining, pair.remaining), refusedBy: 'username' };
  }
  return { keys: all, retryAfterSeconds: null, refusedBy: null };
}

/** A successful login gives its attempt back: only failures count against an address or name. */
export async function refundLoginAttempt(prisma: PrismaClient, keys: string[]): Promise<void> {
  await prisma.$executeRawUnsafe(`UPDATE "LoginThrottle" SET "count" = GREATEST(0, "count" - 1) WHERE "key" = ANY($1::text[])`, keys);
}

/** An admin's password reset forgives the username's failures (every address's). */
export async function clearUsernameThrottle(prisma: Pick<PrismaClient, '$executeRawUnsafe'>, username: string): Promise<number> {
  return prisma.$executeRawUnsafe(`DELETE FROM "LoginThrottle" WHERE "key" = $1 OR starts_with("key", $2)`, `user:${username}`, `user:${username}|ip:`);
}

/** Forgets windows that ended; run now and then so that guessed usernames leave no rows behind. */
export async function sweepLoginThrottle(prisma: PrismaClient, windowMinutes: number): Promise<number> {
  return prisma.$executeRawUnsafe(`DELETE FROM "LoginThrottle" WHERE "windowStart" <= now() - make_interval(mins => $1::int)`, windowMinutes);
}
