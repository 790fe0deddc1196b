// Guesses at one case's secret (its 6-digit query password, or its phone's last 4 digits) are
// counted per case, across every channel that asks for one (the web look-up, the IVR's case
// query) and every API process: a per-address or per-call limit alone lets many addresses or
// many calls share out the 10⁴–10⁶ guesses. Each check is charged before it is verified (one
// atomic statement, so parallel guesses cannot slip through) and given back when it succeeds,
// so a citizen who knows the secret is never counted. Past the day's allowance (rule setting
// caseLookup.failedChecksPerDay) every check of that case fails, the right one too, until the
// window ends; the answer stays the same "not found".
import type { Logger } from '../../config/logger';
import type { PrismaClient } from '../../prisma/client';
import { PostgresRateLimitStore } from '../http/sharedRateLimit';
import { readRuleSetting } from '../../lib/ruleSettings';

const WINDOW_MS = 86_400_000;

type CheckDb = Pick<PrismaClient, '$queryRaw' | '$executeRaw' | 'ruleSetting'>;

function allowance(prisma: CheckDb): Promise<number> {
  return readRuleSetting(prisma, 'caseLookup.failedChecksPerDay');
}

/**
 * Runs `verify` (the secret's check) under the case's allowance: false without running it when
 * the allowance is spent. `channel` only names the door in the log.
 */
export async function checkCaseSecret(deps: { prisma: CheckDb; log: Logger }, caseId: string, channel: 'web' | 'ivr', verify: () => Promise<boolean>): Promise<boolean> {
  const store = new PostgresRateLimitStore(deps.prisma, 'case-check:');
  store.init({ windowMs: WINDOW_MS } as Parameters<PostgresRateLimitStore['init']>[0]);
  const [{ totalHits }, limit] = await Promise.all([store.increment(caseId), allowance(deps.prisma)]);
  if (totalHits > limit) {
    if (totalHits === limit + 1) deps.log.warn({ caseId, channel, limit }, 'case look-ups: the day’s failed checks of this case are spent; every check fails until the window ends');
    return false;
  }
  const ok = await verify();
  if (ok) await store.decrement(caseId);
  return ok;
}
