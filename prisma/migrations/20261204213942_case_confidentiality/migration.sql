-- AlterTable
ALTER TABLE "CaseType" ADD COLUMN     "confidentialByDefault" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "complainedUnitId" TEXT,
ADD COLUMN     "confidential" BOOLEAN NOT NULL DEFAULT false;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_complainedUnitId_fkey" FOREIGN KEY ("complainedUnitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- 举报 is confidential by default (seed 003, 不得泄露), and reports registered before this change
-- keep their reporters protected too. (On a fresh database the seed creates the types with it.)
UPDATE "CaseType" SET "confidentialByDefault" = true WHERE "code" = 'report';
UPDATE "Case" SET "confidential" = true WHERE "caseTypeCode" = 'report';
