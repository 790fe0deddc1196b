-- CreateEnum
CREATE TYPE "DispatchMode" AS ENUM ('system', 'phone', 'written');

-- AlterTable
ALTER TABLE "DeadlinePolicy" ADD COLUMN     "dispatchMode" "DispatchMode";

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "dispatchMode" "DispatchMode",
ADD COLUMN     "leaderInstructedAt" TIMESTAMPTZ(3),
ADD COLUMN     "readByUnitIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "readerUnitIds" TEXT[] DEFAULT ARRAY[]::TEXT[];
