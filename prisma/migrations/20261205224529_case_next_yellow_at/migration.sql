-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "nextYellowAt" TIMESTAMPTZ(3);
