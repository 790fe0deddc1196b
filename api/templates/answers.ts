// What /api/templates answers: the stored text with the `id` react-admin wants (the code) and
// the placeholders its renderer fills in, which the console offers and checks.
import type { MessageTemplate } from '../../prisma/generated/browser';
import { allowedPlaceholders } from './placeholders';

export function presentTemplate(row: MessageTemplate) {
  return { id: row.code, ...row, placeholders: allowedPlaceholders(row.code) };
}

export type TemplateAnswer = ReturnType<typeof presentTemplate>;
