// Per-address request limits for the public edge, counted in PostgreSQL so that they hold
// across every API process (api/http/sharedRateLimit.ts). The address is req.ip: the client as
// the proxies named by TRUST_PROXY report it, or the connection's peer.
import type { RequestHandler } from 'express';
import { sharedRateLimit, type SharedRateLimitDeps } from '../http/sharedRateLimit';

export function perAddressLimit(deps: SharedRateLimitDeps, options: { name: string; windowMs: number; limit: number; message: string }): RequestHandler {
  return sharedRateLimit(deps, options);
}
