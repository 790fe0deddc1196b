-- CreateIndex
CREATE INDEX "AuditEvent_recordedAt_idx" ON "AuditEvent"("recordedAt");
