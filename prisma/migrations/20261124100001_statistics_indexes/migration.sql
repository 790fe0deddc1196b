-- CreateIndex
CREATE INDEX "Case_closedAt_idx" ON "Case"("closedAt");

-- CreateIndex
CREATE INDEX "CaseAssignment_dispatchedAt_idx" ON "CaseAssignment"("dispatchedAt");

-- CreateIndex
CREATE INDEX "SupervisionNotice_issuedAt_idx" ON "SupervisionNotice"("issuedAt");
