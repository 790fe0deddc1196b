-- Intake by Idempotency-Key (docs/intake.md): the record of each intake request, written before
-- its case's workflow starts, and a notice to the API processes waiting for new case rows.

-- CreateTable
CREATE TABLE "IntakeRequest" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "registration" JSONB NOT NULL,
    "answer" JSONB NOT NULL,
    "startedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IntakeRequest_pkey" PRIMARY KEY ("scope","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "IntakeRequest_caseId_key" ON "IntakeRequest"("caseId");

-- CreateIndex
CREATE INDEX "IntakeRequest_createdAt_idx" ON "IntakeRequest"("createdAt");

-- Tells the API processes that wait for new cases' rows (api/cases/caseRowWatch.ts) to look:
-- one notice per inserting statement, without a payload, so that a bulk insert sends one.
CREATE FUNCTION notify_case_rows_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('case_rows_inserted', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER "Case_rows_inserted_notify" AFTER INSERT ON "Case"
FOR EACH STATEMENT EXECUTE FUNCTION notify_case_rows_inserted();
