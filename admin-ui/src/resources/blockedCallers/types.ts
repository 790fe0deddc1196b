// What the blocklist screen reads: the server's own answer type, dates as JSON strings.
import type { BlockedCallerAnswer } from '../../../../api/telephony/answers';
import type { Json } from '../../shell/providers/json';
import type { Role } from '../../shell/access/roles';

/** GET /api/telephony/blocked-callers */
export type BlockedCaller = Json<BlockedCallerAnswer>;
export type BlockStatus = BlockedCaller['status'];

export const BLOCK_STATUSES: BlockStatus[] = ['pending', 'active', 'expired', 'rejected', 'lifted'];

/** As the API checks them (api/telephony/blockedCallers.ts); the console only hides the buttons. */
export const BLOCK_READERS: readonly Role[] = ['operator', 'dispatcher', 'supervisor', 'admin', 'auditor'];
export const BLOCK_PROPOSERS: readonly Role[] = ['operator', 'dispatcher'];
export const BLOCK_REVIEWERS: readonly Role[] = ['supervisor'];
