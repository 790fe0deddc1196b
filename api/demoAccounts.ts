// The seeded demo accounts all have the password printed in the README (DEMO_PASSWORD): an API
// that others can reach must not let them sign in. Checked at start-up when the API listens on
// anything but loopback.
import { verify } from '@node-rs/argon2';
import { ConfigError, isLoopbackHost } from '../config/env';
import type { PrismaClient } from '../prisma/client';
import { DEMO_PASSWORD, DEMO_USERS } from '../prisma/seed/users';

/** Usernames of active demo accounts that still have the demo password. */
export async function demoAccountsWithDemoPassword(prisma: Pick<PrismaClient, 'user'>): Promise<string[]> {
  const users = await prisma.user.findMany({ where: { id: { in: DEMO_USERS.map((user) => user.id) }, active: true }, select: { username: true, passwordHash: true } });
  const open: string[] = [];
  for (const user of users) if (user.passwordHash && (await verify(user.passwordHash, DEMO_PASSWORD).catch(() => false))) open.push(user.username);
  return open.sort();
}

export async function refuseDemoPasswordsOffLoopback(prisma: Pick<PrismaClient, 'user'>, host: string): Promise<void> {
  if (isLoopbackHost(host)) return;
  const open = await demoAccountsWithDemoPassword(prisma);
  if (open.length > 0) {
    throw new ConfigError(`refusing to listen on ${host} while demo accounts have the demo password (it is public): change or deactivate ${open.join(', ')}, or listen on 127.0.0.1 (API_HOST)`);
  }
}
