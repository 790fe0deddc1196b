// Loads the IVR's texts from the message templates (admins edit them) and renders them; a row
// missing from the database falls back to the seeded default so that a call never goes silent.
import { renderTemplate } from '../../../rules/templates/placeholders';
import type { PrismaClient } from '../../../prisma/client';
import { VOICE_PROMPT_TEMPLATES, type VoicePromptCode, type VoicePromptParams } from '../../../rules/templates/voicePrompts';

export type Prompts = <C extends VoicePromptCode>(code: C, ...params: VoicePromptParams<C> extends Record<string, never> ? [] : [VoicePromptParams<C>]) => string;

/** The texts of the given prompts, read in one query. */
export async function loadPrompts(prisma: Pick<PrismaClient, 'messageTemplate'>, codes: VoicePromptCode[]): Promise<Prompts> {
  const rows = await prisma.messageTemplate.findMany({ where: { code: { in: codes } }, select: { code: true, body: true } });
  const bodies = new Map(rows.map((row) => [row.code, row.body]));
  return ((code: VoicePromptCode, params: Record<string, string> = {}) => renderTemplate(bodies.get(code) ?? VOICE_PROMPT_TEMPLATES[code].body, params)) as Prompts;
}
