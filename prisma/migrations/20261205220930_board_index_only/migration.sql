-- DropIndex
DROP INDEX "Case_status_warningLevel_idx";

-- CreateIndex
CREATE INDEX "Case_status_warningLevel_handleDueAt_id_idx" ON "Case"("status", "warningLevel", "handleDueAt", "id");
