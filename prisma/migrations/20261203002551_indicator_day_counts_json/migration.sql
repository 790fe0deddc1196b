-- The stored days are a cache of counts rebuilt from the cases: drop them, and every day is
-- rebuilt in the new shape (all counts in one JSON object) when a statistics read next needs it.
DELETE FROM "IndicatorDayCount";
DELETE FROM "IndicatorDay";

-- AlterTable
ALTER TABLE "IndicatorDayCount" DROP COLUMN "callbacksFinished",
DROP COLUMN "callbacksReached",
DROP COLUMN "closedDispatched",
DROP COLUMN "completedOnTime",
DROP COLUMN "criticismCount",
DROP COLUMN "extended",
DROP COLUMN "handleDue",
DROP COLUMN "leadAssignments",
DROP COLUMN "overdueCount",
DROP COLUMN "received",
DROP COLUMN "registered",
DROP COLUMN "rehandled",
DROP COLUMN "resolutionAnswered",
DROP COLUMN "resolvedCount",
DROP COLUMN "respondedInTime",
DROP COLUMN "responseDue",
DROP COLUMN "returned",
DROP COLUMN "returnsDecided",
DROP COLUMN "satisfactionAnswered",
DROP COLUMN "satisfied",
DROP COLUMN "signForDue",
DROP COLUMN "signForOnTime",
DROP COLUMN "supervisionCount",
DROP COLUMN "urgeCount",
DROP COLUMN "wrongReturns",
ADD COLUMN     "counts" JSONB NOT NULL;

-- AlterTable
ALTER TABLE "IndicatorDay" ADD COLUMN     "factsVersion" TEXT NOT NULL DEFAULT '';
