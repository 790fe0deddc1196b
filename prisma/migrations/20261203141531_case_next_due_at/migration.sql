-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "nextDueAt" TIMESTAMPTZ(3);

-- Backfill for open cases: the earliest of the lead's sign-for and handling deadlines and the
-- other assignments' running ones (an assisting or sub-unit still to sign for; an assisting
-- unit's opinion). A sub-unit's handling deadline was not projected before (it is never later
-- than the lead's when set); such a case gets it exactly at its next transition.
UPDATE "Case" AS c SET "nextDueAt" = LEAST(
  c."signForDueAt",
  c."handleDueAt",
  (SELECT min(CASE WHEN a.status = 'dispatched' THEN a."signForDueAt" WHEN a.status = 'signed' AND a.role = 'assist' THEN a."dueAt" END)
   FROM "CaseAssignment" AS a WHERE a."caseId" = c.id AND a.role <> 'lead'))
WHERE c.status NOT IN ('draft', 'registered', 'answeredDirectly', 'rejected', 'merged', 'closed', 'archived');

-- CreateIndex
CREATE INDEX "Case_nextDueAt_idx" ON "Case"("nextDueAt");
