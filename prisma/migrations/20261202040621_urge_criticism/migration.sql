-- Criticism notices (通报批评) after `urge.criticismThreshold` urges, and urges by period for the
-- statistics (urgeCount over all units, grouped by category or channel).
-- CreateTable
CREATE TABLE "CriticismNotice" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "urgeCount" INTEGER NOT NULL,
    "threshold" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CriticismNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CriticismNotice_caseId_idx" ON "CriticismNotice"("caseId");

-- CreateIndex
CREATE INDEX "CriticismNotice_unitId_issuedAt_idx" ON "CriticismNotice"("unitId", "issuedAt");

-- CreateIndex
CREATE INDEX "CriticismNotice_issuedAt_idx" ON "CriticismNotice"("issuedAt");

-- CreateIndex
CREATE INDEX "Urge_createdAt_idx" ON "Urge"("createdAt");

-- AddForeignKey
ALTER TABLE "CriticismNotice" ADD CONSTRAINT "CriticismNotice_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriticismNotice" ADD CONSTRAINT "CriticismNotice_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
