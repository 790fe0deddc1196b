-- CreateEnum
CREATE TYPE "CitizenContactMeans" AS ENUM ('phone', 'visit', 'sms', 'wechat', 'other');

-- AlterTable
ALTER TABLE "CaseAssignment" ADD COLUMN     "firstContactAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "CitizenContact" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "means" "CitizenContactMeans" NOT NULL,
    "contactedAt" TIMESTAMPTZ(3) NOT NULL,
    "note" TEXT,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CitizenContact_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CitizenContact_caseId_idx" ON "CitizenContact"("caseId");

-- AddForeignKey
ALTER TABLE "CitizenContact" ADD CONSTRAINT "CitizenContact_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CitizenContact" ADD CONSTRAINT "CitizenContact_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
