-- CreateIndex
CREATE INDEX "Case_warningLevel_registeredAt_idx" ON "Case"("warningLevel", "registeredAt");

-- CreateIndex
CREATE INDEX "ExtensionRequest_decision_caseId_idx" ON "ExtensionRequest"("decision", "caseId");
