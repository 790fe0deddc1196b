-- DropIndex
DROP INDEX "CaseAssignment_caseId_idx";

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "assignedUnitIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- Backfill: the units each case's assignments name, as the projection now keeps them.
UPDATE "Case" AS c SET "assignedUnitIds" = a.ids
FROM (SELECT "caseId", array_agg(DISTINCT "unitId" ORDER BY "unitId") AS ids FROM "CaseAssignment" GROUP BY "caseId") AS a
WHERE a."caseId" = c.id;

-- CreateIndex
CREATE INDEX "CaseAssignment_caseId_unitId_idx" ON "CaseAssignment"("caseId", "unitId");
