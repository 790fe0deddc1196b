-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "finalHandleDueAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Case_finalHandleDueAt_idx" ON "Case"("finalHandleDueAt");

-- Backfill: cases whose lead unit's result went up before this column existed lost their
-- handling deadline on the case row, but the lead assignment's row kept it (the projection
-- never clears CaseAssignment."dueAt"). Take it from the current lead assignment.
UPDATE "Case" c
SET "finalHandleDueAt" = (
  SELECT a."dueAt" FROM "CaseAssignment" a
  WHERE a."caseId" = c.id AND a.role = 'lead' AND a."unitId" = c."leadUnitId" AND a."dueAt" IS NOT NULL
  ORDER BY a."dispatchedAt" DESC LIMIT 1
)
WHERE c."handleDueAt" IS NULL AND c."leadUnitId" IS NOT NULL
  AND c.status IN ('unitApproved', 'callback', 'closed', 'reReview', 'archived');
