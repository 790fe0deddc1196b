-- CreateTable
CREATE TABLE "RateLimitCounter" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "hits" INTEGER NOT NULL,
    "resetAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RateLimitCounter_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "WebFormSubmission" (
    "id" BIGSERIAL NOT NULL,
    "scope" TEXT NOT NULL DEFAULT '',
    "addressDigest" TEXT NOT NULL,
    "phoneDigest" TEXT NOT NULL,
    "formDigest" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebFormSubmission_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RateLimitCounter_resetAt_idx" ON "RateLimitCounter"("resetAt");

-- CreateIndex
CREATE INDEX "WebFormSubmission_scope_addressDigest_createdAt_idx" ON "WebFormSubmission"("scope", "addressDigest", "createdAt");

-- CreateIndex
CREATE INDEX "WebFormSubmission_scope_phoneDigest_createdAt_idx" ON "WebFormSubmission"("scope", "phoneDigest", "createdAt");

-- CreateIndex
CREATE INDEX "WebFormSubmission_createdAt_idx" ON "WebFormSubmission"("createdAt");
