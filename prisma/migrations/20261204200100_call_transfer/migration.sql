-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "transferDialStatus" TEXT,
ADD COLUMN     "transferredAt" TIMESTAMPTZ(3),
ADD COLUMN     "transferredById" TEXT,
ADD COLUMN     "transferredToUnitId" TEXT;

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_transferredToUnitId_fkey" FOREIGN KEY ("transferredToUnitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_transferredById_fkey" FOREIGN KEY ("transferredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
