// Which cases the anonymous Open311 reads show (rule open311.publicListing), read on every
// request with the settings API's schema; a missing or unreadable row falls back to the seeded
// default. 举报 (report) cases are never listed, whatever the rule says: a report's existence,
// place and progress can tell the reported party who reported them.
import type { z } from 'zod';
import type { PrismaClient } from '../../prisma/client';
import { SETTING_VALUE_SCHEMAS } from '../ruleSettings/schemas';
import type { PublicListing } from './read';

export const PUBLIC_LISTING_SETTING = 'open311.publicListing';

export const DEFAULT_PUBLIC_LISTING: PublicListing = { caseTypeCodes: ['consultation', 'complaint', 'help', 'suggestion'], channels: ['web', 'open311'] };

export async function readPublicListing(prisma: Pick<PrismaClient, 'ruleSetting'>): Promise<PublicListing> {
  const row = await prisma.ruleSetting.findUnique({ where: { key: PUBLIC_LISTING_SETTING } });
  const parsed = row ? (SETTING_VALUE_SCHEMAS[PUBLIC_LISTING_SETTING] as z.ZodType<PublicListing>).safeParse(row.value) : null;
  const listing = parsed?.success ? parsed.data : DEFAULT_PUBLIC_LISTING;
  return { ...listing, caseTypeCodes: listing.caseTypeCodes.filter((code) => code !== 'report') };
}
