-- CreateEnum
CREATE TYPE "SupervisionReplyStatus" AS ENUM ('awaitingReply', 'answered', 'accepted', 'escalated');

-- AlterTable
ALTER TABLE "SupervisionNotice" ADD COLUMN     "accepted" BOOLEAN,
ADD COLUMN     "escalatedTo" TEXT,
ADD COLUMN     "evaluatedAt" TIMESTAMPTZ(3),
ADD COLUMN     "evaluatedById" TEXT,
ADD COLUMN     "evaluationComment" TEXT,
ADD COLUMN     "replyStatus" "SupervisionReplyStatus",
ADD COLUMN     "respondedById" TEXT;
