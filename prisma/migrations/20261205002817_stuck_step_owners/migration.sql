-- AlterTable
ALTER TABLE "StuckStep" ADD COLUMN     "pollCampaignId" TEXT,
ALTER COLUMN "caseId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "StuckStep_pollCampaignId_idx" ON "StuckStep"("pollCampaignId");

