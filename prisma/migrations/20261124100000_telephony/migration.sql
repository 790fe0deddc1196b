-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "callbackAttemptId" TEXT,
ADD COLUMN     "queueName" TEXT,
ADD COLUMN     "queuedAt" TIMESTAMPTZ(3),
ADD COLUMN     "speechResult" TEXT;

-- AlterTable
ALTER TABLE "Recording" ADD COLUMN     "durationMs" INTEGER,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'completed',
ADD COLUMN     "streamSid" TEXT;

-- AlterTable
ALTER TABLE "SmsMessage" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "dismissedAt" TIMESTAMPTZ(3),
ADD COLUMN     "dismissedById" TEXT,
ADD COLUMN     "intent" TEXT,
ADD COLUMN     "lastAttemptAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "TelephonyWebhook" (
    "id" BIGSERIAL NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sid" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TelephonyWebhook_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TelephonyWebhook_dedupeKey_key" ON "TelephonyWebhook"("dedupeKey");

-- CreateIndex
CREATE INDEX "TelephonyWebhook_sid_idx" ON "TelephonyWebhook"("sid");

-- CreateIndex
CREATE UNIQUE INDEX "Recording_streamSid_key" ON "Recording"("streamSid");

-- CreateIndex
CREATE INDEX "SmsMessage_intent_createdAt_idx" ON "SmsMessage"("intent", "createdAt");
