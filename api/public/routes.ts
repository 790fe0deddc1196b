// /public: what a citizen may do without an account. Submit a web petition; look a case up by
// its number and a check; open the survey and re-review links sent by SMS; read the results
// citizens agreed to publish, redacted (publishedResults.ts). Per-address limits:
// petitions are counted apart from lookups and link pages, so reading does not use up writing;
// both are counted in PostgreSQL, so they hold across every API process.
import { Router } from 'express';
import type { AppDeps } from '../deps';
import type { IntakeDoorDeps } from '../cases/intake';
import { linkRoutes } from './links';
import { lookupRoutes } from './lookup';
import { petitionFormRoutes } from './petitionForm';
import { publishedResultRoutes } from './publishedResults';
import { perAddressLimit } from './rateLimits';
import { DEFAULT_PUBLIC_LOOKUPS_PER_MINUTE, DEFAULT_PUBLIC_SUBMISSIONS_PER_HOUR } from '../../config/env';

export type PublicRouteDeps = Pick<
  AppDeps,
  'prisma' | 'temporal' | 'namespace' | 'dataConverter' | 'taskQueue' | 'log' | 'now' | 'publicLinkSecret' | 'publicLookupsPerMinute' | 'publicSubmissionsPerHour' | 'publicFormLimits' | 'rateLimitScope'
> &
  IntakeDoorDeps;

export function publicRoutes(deps: PublicRouteDeps): Router {
  const lookups = perAddressLimit(deps, { name: 'public-lookups', windowMs: 60_000, limit: deps.publicLookupsPerMinute ?? DEFAULT_PUBLIC_LOOKUPS_PER_MINUTE, message: 'too many lookups from this address; try again in a minute' });
  const submissions = perAddressLimit(deps, { name: 'public-submissions', windowMs: 3_600_000, limit: deps.publicSubmissionsPerHour ?? DEFAULT_PUBLIC_SUBMISSIONS_PER_HOUR, message: 'too many petitions from this address; try again later or call 12345' });
  const router = Router();
  router.use(petitionFormRoutes(deps, { submissions, lookups }));
  router.use(lookupRoutes(deps, lookups));
  router.use(publishedResultRoutes(deps, lookups));
  router.use('/links', linkRoutes(deps, lookups));
  return router;
}
