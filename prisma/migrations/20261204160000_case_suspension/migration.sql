-- 挂起 (issue 19): the suspension in force and the working days suspended so far. No backfill:
-- no case was ever suspended before this migration.
ALTER TABLE "Case" ADD COLUMN     "suspendedAt" TIMESTAMPTZ(3),
ADD COLUMN     "suspendedUntil" TIMESTAMPTZ(3),
ADD COLUMN     "suspendedWorkingDays" INTEGER NOT NULL DEFAULT 0;
