// The size limit of one uploaded file: the rule setting `attachment.maxBytes` (data an admin
// tunes), never above the configured ceiling ATTACHMENT_MAX_BYTES (what the storage and the
// proxies in front of the API were sized for).
import type { PrismaClient } from '../../prisma/client';

export const MAX_BYTES_SETTING = 'attachment.maxBytes';

export async function uploadLimit(prisma: PrismaClient, configuredMaxBytes: number): Promise<number> {
  const setting = await prisma.ruleSetting.findUnique({ where: { key: MAX_BYTES_SETTING } });
  const value = setting?.value;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? Math.min(value, configuredMaxBytes) : configuredMaxBytes;
}
