-- AlterEnum
ALTER TYPE "CallPurpose" ADD VALUE 'bridge';

-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "dialDurationSec" INTEGER,
ADD COLUMN     "dialStatus" TEXT,
ADD COLUMN     "requestedById" TEXT,
ADD COLUMN     "requestedByUnitId" TEXT;

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_requestedByUnitId_fkey" FOREIGN KEY ("requestedByUnitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;
