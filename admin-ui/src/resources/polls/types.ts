// What the opinion poll screen reads: the server's own answer types, dates as JSON strings.
import type { PollAnswer, PollResults } from '../../../../api/polls/routes';
import type { Json } from '../../shell/providers/json';
import type { Role } from '../../shell/access/roles';

/** GET /api/polls */
export type Poll = Json<PollAnswer>;
export type PollStatus = Poll['status'];
/** GET /api/polls/:id/results */
export type PollResultsAnswer = Json<PollResults>;

export const POLL_STATUSES: PollStatus[] = ['draft', 'running', 'paused', 'finished', 'cancelled'];
export type PollCommand = 'start' | 'pause' | 'resume' | 'cancel';

/** The commands each status allows, as the API checks them (409 otherwise). */
export const POLL_COMMANDS: Record<PollStatus, PollCommand[]> = {
  draft: ['start', 'cancel'],
  running: ['pause', 'cancel'],
  paused: ['resume', 'cancel'],
  finished: [],
  cancelled: [],
};

/** As the API checks them (api/polls/routes.ts); the console only hides the menu entry. */
export const POLL_ROLES: readonly Role[] = ['supervisor', 'admin'];
