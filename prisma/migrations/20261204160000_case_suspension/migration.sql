-- 挂起 (issue 19): the suspension in force and the working days suspended so far. No backfill:
-- no case was ever suspended before this migration.
ALTER TABLE "Case" ADD COLUMN     "suspendedAt" TIMESTAMPTZ(3),
ADD COLUMN     "suspendedUntil" TIMESTAMPTZ(3),
ADD COLUMN     "suspendedWorkingDays" INTEGER NOT NULL DEFAULT 0;

-- A suspended case's deadline is undecided in the indicators (statistics/indicatorFacts.ts): the
-- days it is counted on are rebuilt when a suspension begins or ends, even one that moved nothing.
DROP TRIGGER indicator_case_update ON "Case";
CREATE TRIGGER indicator_case_update AFTER UPDATE ON "Case" FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD."receivedAt" IS DISTINCT FROM NEW."receivedAt"
     OR OLD."handleDueAt" IS DISTINCT FROM NEW."handleDueAt" OR OLD."finalHandleDueAt" IS DISTINCT FROM NEW."finalHandleDueAt"
     OR OLD."resultSubmittedAt" IS DISTINCT FROM NEW."resultSubmittedAt" OR OLD."closedAt" IS DISTINCT FROM NEW."closedAt"
     OR OLD."leadUnitId" IS DISTINCT FROM NEW."leadUnitId" OR OLD."categoryId" IS DISTINCT FROM NEW."categoryId"
     OR OLD.channel IS DISTINCT FROM NEW.channel OR OLD."rehandleCount" IS DISTINCT FROM NEW."rehandleCount"
     OR OLD."suspendedAt" IS DISTINCT FROM NEW."suspendedAt")
  EXECUTE FUNCTION indicator_mark_case_update();
