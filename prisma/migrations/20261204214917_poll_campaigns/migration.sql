-- CreateEnum
CREATE TYPE "PollCampaignStatus" AS ENUM ('draft', 'running', 'paused', 'finished', 'cancelled');

-- CreateEnum
CREATE TYPE "PollTargetSource" AS ENUM ('numbers', 'closedCases');

-- CreateEnum
CREATE TYPE "PollTargetStatus" AS ENUM ('pending', 'calling', 'answered', 'refused', 'unanswered', 'skipped', 'cancelled');

-- AlterEnum
ALTER TYPE "CallPurpose" ADD VALUE 'poll';

-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "pollTargetId" TEXT;

-- CreateTable
CREATE TABLE "PollCampaign" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "questions" JSONB NOT NULL,
    "status" "PollCampaignStatus" NOT NULL DEFAULT 'draft',
    "targetSource" "PollTargetSource" NOT NULL,
    "closedFrom" TEXT,
    "closedTo" TEXT,
    "callingStart" TEXT,
    "callingEnd" TEXT,
    "maxAttempts" INTEGER NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedById" TEXT,
    "startedAt" TIMESTAMPTZ(3),
    "pausedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "cancelledById" TEXT,
    "cancelledAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PollCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PollTarget" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "status" "PollTargetStatus" NOT NULL DEFAULT 'pending',
    "skipReason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "answers" JSONB NOT NULL DEFAULT '{}',
    "lastOutcome" TEXT,
    "lastCallSid" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PollTarget_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PollCampaign_createdAt_idx" ON "PollCampaign"("createdAt");

-- CreateIndex
CREATE INDEX "PollTarget_campaignId_status_idx" ON "PollTarget"("campaignId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "PollTarget_campaignId_number_key" ON "PollTarget"("campaignId", "number");

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_pollTargetId_fkey" FOREIGN KEY ("pollTargetId") REFERENCES "PollTarget"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollTarget" ADD CONSTRAINT "PollTarget_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "PollCampaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
