-- AlterTable
ALTER TABLE "CaseAssignment" ADD COLUMN     "handlerAssignedAt" TIMESTAMPTZ(3),
ADD COLUMN     "handlerId" TEXT,
ADD COLUMN     "handlerName" TEXT;

-- CreateIndex
CREATE INDEX "CaseAssignment_handlerId_status_idx" ON "CaseAssignment"("handlerId", "status");
