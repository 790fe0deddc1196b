-- CreateTable
CREATE TABLE "StuckStep" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "permanent" BOOLEAN NOT NULL,
    "errorType" TEXT NOT NULL,
    "errorMessage" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "pendingSeq" INTEGER,
    "firstFailedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastFailedAt" TIMESTAMPTZ(3) NOT NULL,
    "nextRetryAt" TIMESTAMPTZ(3),
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "StuckStep_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StuckStep_resolvedAt_firstFailedAt_idx" ON "StuckStep"("resolvedAt", "firstFailedAt");

-- CreateIndex
CREATE INDEX "StuckStep_caseId_idx" ON "StuckStep"("caseId");
