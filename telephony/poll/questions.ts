// A poll's questions as stored on the campaign (PollCampaign.questions) and checked wherever
// they are read: each a spoken prompt and the keypad choices with their labels.
import { z } from 'zod';
import { requiredLine } from '../../rules/text';

export const POLL_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export const pollChoiceSchema = z.strictObject({
  key: z.enum(POLL_KEYS, { error: 'a keypad key 1-9' }),
  label: requiredLine(40),
});

export const pollQuestionSchema = z.strictObject({
  /** Read to the citizen; should name the keys ("满意请按1……"). */
  prompt: requiredLine(300),
  choices: z
    .array(pollChoiceSchema)
    .min(2, 'at least 2 choices')
    .max(9, 'at most 9 choices')
    .refine((choices) => new Set(choices.map((c) => c.key)).size === choices.length, 'each key once'),
});

export const pollQuestionsSchema = z.array(pollQuestionSchema).min(1, 'at least 1 question').max(10, 'at most 10 questions');

export type PollQuestion = z.output<typeof pollQuestionSchema>;

/** The questions of a stored campaign (written through the schema, so they parse). */
export function storedQuestions(value: unknown): PollQuestion[] {
  return pollQuestionsSchema.parse(value);
}
