-- AlterEnum
ALTER TYPE "CaseStatus" ADD VALUE 'awaitingUnsatisfiedDecision' BEFORE 'closed';

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "judgedUnreasonable" BOOLEAN NOT NULL DEFAULT false;
