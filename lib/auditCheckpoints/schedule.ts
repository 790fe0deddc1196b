// The worker's checkpoint timer: one checkpoint every interval, by one worker at a time (a
// transaction-scoped advisory lock), written to the file and to the log (a second copy that a
// log shipper carries off the host).
import type { KeyObject } from 'node:crypto';
import type { Logger } from '../../config/logger';
import type { PrismaClient } from '../../prisma/client';
import { takeCheckpoint, type TakenCheckpoint } from './take';

/** pg_advisory lock id of checkpoint taking ("audit-cp"). */
const CHECKPOINT_LOCK = 0x61756463;

export async function takeCheckpointOnce(prisma: PrismaClient, options: { file: string; key: KeyObject; log: Logger }): Promise<TakenCheckpoint | null> {
  const taken = await prisma.$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${CHECKPOINT_LOCK}) AS locked`;
    return lock?.locked ? takeCheckpoint(tx, { file: options.file, key: options.key }) : null;
  }, { timeout: 120_000 });
  if (taken) options.log.info({ auditCheckpoint: taken.checkpoint, file: options.file }, 'audit checkpoint');
  return taken;
}

export function scheduleCheckpoints(prisma: PrismaClient, options: { file: string; key: KeyObject; intervalSeconds: number; log: Logger }): () => void {
  if (options.intervalSeconds === 0) return () => {};
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await takeCheckpointOnce(prisma, options);
    } catch (error) {
      options.log.error({ err: error }, 'audit checkpoint failed; trying again at the next interval');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalSeconds * 1000);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
