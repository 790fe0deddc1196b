-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "nextYellowAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Case_nextYellowAt_idx" ON "Case"("nextYellowAt");
