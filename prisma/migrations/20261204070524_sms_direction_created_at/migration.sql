-- CreateIndex
CREATE INDEX "SmsMessage_direction_createdAt_idx" ON "SmsMessage"("direction", "createdAt");
