// Which cases the anonymous Open311 reads show (rule open311.publicListing), read on every
// request with the settings API's schema; a missing or unreadable row falls back to the seeded
// default. 举报 (report) cases are never listed, whatever the rule says: a report's existence,
// place and progress can tell the reported party who reported them.
import { readRuleSetting } from '../../lib/ruleSettings';
import type { PrismaClient } from '../../prisma/client';
import type { PublicListing } from './read';

export async function readPublicListing(prisma: Pick<PrismaClient, 'ruleSetting'>): Promise<PublicListing> {
  const listing = await readRuleSetting(prisma, 'open311.publicListing');
  return { ...listing, caseTypeCodes: listing.caseTypeCodes.filter((code) => code !== 'report') };
}
