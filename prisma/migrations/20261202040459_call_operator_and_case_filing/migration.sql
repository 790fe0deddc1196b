-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "answeredById" TEXT,
ADD COLUMN     "caseLinkedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Call_startedAt_idx" ON "Call"("startedAt");

-- CreateIndex
CREATE INDEX "Call_answeredById_answeredAt_idx" ON "Call"("answeredById", "answeredAt");

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
