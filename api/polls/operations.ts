// The opinion polls' routes in the OpenAPI description (民意调查, issue 20).
import type { Operation } from '../openapi/operation';
import { POLL_ROLES } from './routes';
import { pollCommandBody, pollCreationBody, pollIdParams, pollListQuery } from './schemas';

export function pollOperations(): Operation[] {
  const base = { tag: 'telephony', auth: 'bearer' as const, roles: POLL_ROLES };
  const path = '/api/polls';
  const command = (verb: string, summary: string): Operation => ({ ...base, method: 'POST', path: `${path}/:id/${verb}`, summary, params: pollIdParams, body: pollCommandBody, success: { status: 200, description: 'the poll' }, errors: [404, 409] });
  return [
    { ...base, method: 'GET', path, summary: 'Opinion polls (filter: status), newest first, each with its numbers counted by status', query: pollListQuery, success: { status: 200, description: 'a page of polls', list: true } },
    { ...base, method: 'GET', path: `${path}/:id`, summary: 'An opinion poll with its numbers counted by status', params: pollIdParams, success: { status: 200, description: 'the poll' }, errors: [404] },
    { ...base, method: 'GET', path: `${path}/:id/results`, summary: 'A poll’s results: per question the numbers that keyed each choice; numbers answered, refused (picked up, no valid key), unanswered, skipped (blocked, opted out), cancelled, still pending', params: pollIdParams, success: { status: 200, description: 'the results' }, errors: [404] },
    { ...base, method: 'POST', path, summary: 'Draft a poll: questions (a prompt and 2–9 keypad choices each), the numbers to call (listed, or the citizens of cases closed between two dates), calling hours (default poll.callingHours) and attempts per number (default poll.maxAttempts); blocked and opted-out numbers are skipped; audited', body: pollCreationBody, success: { status: 201, description: 'the draft poll', creates: { pointer: '/id', under: '/api/polls/:id' } } },
    command('start', 'Start a draft poll: its workflow calls the numbers (poll.maxConcurrentCalls at a time, within its calling hours, unanswered ones again after poll.callRetrySeconds); 409 unless a draft; audited'),
    command('pause', 'Pause a running poll: no new calls (calls under way finish); 409 unless running; audited'),
    command('resume', 'Resume a paused poll; 409 unless paused; audited'),
    command('cancel', 'Cancel a poll: no new calls, numbers not yet reached are cancelled; 409 once finished or cancelled; audited'),
  ];
}
