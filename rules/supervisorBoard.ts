// The supervisor's warning board (预警督办看板): the open cases with a light, read as two lists of
// `GET /api/cases` (the console's SupervisorBoard; `npm run bench:api` times both). The first is
// what the workflows have lit; the second the cases past a deadline or a yellow point whose alarm
// has not run yet, which the API already answers red or yellow (api/cases/warningNow.ts) but whose
// rows still say green: at midnight, when thousands of deadlines end together, for minutes. Two lists, not one filter "red
// by the clock or yellow": that filter left PostgreSQL no index to walk (docs/performance.md). Both
// ask for the fields a board row shows (`fields`, api/cases/listFields.ts).
import { OPEN_WITH_LEAD } from './vocabulary';

/** What a board row shows (the console's BoardCase and its grouping by lead unit): 500 rows of these, not of every list column. */
export const SUPERVISOR_BOARD_FIELDS = ['title', 'status', 'warningLevel', 'timeLeft', 'escalationLevel', 'leadUnitId'] as const;

export const SUPERVISOR_BOARD_LISTS = [
  { label: 'lit yellow or red', filter: { warningLevel: ['yellow', 'red'], status: [...OPEN_WITH_LEAD] } },
  { label: 'lit by the clock, alarm still to run', filter: { warningLevel: ['green'], litByClock: true, status: [...OPEN_WITH_LEAD] } },
] as const;
