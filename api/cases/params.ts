// Path parameters of the case routes.
import { z } from 'zod';
import { COMMAND_NAMES, type CommandName } from '../../rules/lifecycle/commands';
import { identifier } from '../../rules/text';

/** A case number: digits only, refused otherwise. */
export const caseNumber = identifier(20).regex(/^\d{8,20}$/, 'a case number (digits)');

export const caseIdParams = z.object({ id: caseNumber });

/**
 * What GET /api/cases/:id answers beside the case's projected fields (described, not parsed:
 * the route builds the answer).
 */
export const caseAnswer = z.looseObject({
  suspendedAt: z.iso.datetime().nullable().describe('挂起: when the suspension in force began (null while the case’s clocks run). No clock counts while suspended, and no warning fires.'),
  suspendedUntil: z.iso.datetime().nullable().describe('The suspension’s planned end: the case resumes by itself then (POST …/commands/resume ends it earlier). Null while not suspended.'),
  suspendedWorkingDays: z.number().int().describe('Working days the case spent suspended over the suspensions that ended: every clock running then (the handling deadline judged by 按时办结率 included) was moved that many working days later.'),
  allowedCommands: z
    .array(z.enum(COMMAND_NAMES as [CommandName, ...CommandName[]]))
    .describe('The commands the signed-in user could give the case now (POST /api/cases/{id}/commands/{command}), as its workflow answers with the same user: not refused for the case’s state or the user’s role and unit (the input is still checked). Empty for a finished case.'),
});
