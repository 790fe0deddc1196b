-- Caller blocklist (issue 20): harassing numbers, proposed, reviewed by a supervisor, expiring.
CREATE TYPE "CallerBlockDecision" AS ENUM ('pending', 'approved', 'rejected', 'lifted');

CREATE TABLE "BlockedCaller" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "proposedById" TEXT NOT NULL,
    "proposedAt" TIMESTAMPTZ(3) NOT NULL,
    "decision" "CallerBlockDecision" NOT NULL DEFAULT 'pending',
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMPTZ(3),
    "reviewComment" TEXT,
    "expiresAt" TIMESTAMPTZ(3),
    "liftedById" TEXT,
    "liftedAt" TIMESTAMPTZ(3),
    "liftReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BlockedCaller_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "BlockedCaller_number_decision_idx" ON "BlockedCaller"("number", "decision");
CREATE INDEX "BlockedCaller_proposedAt_idx" ON "BlockedCaller"("proposedAt");
