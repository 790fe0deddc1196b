-- The column was never written: it becomes the citizen's consent to publish, asked at intake.
ALTER TABLE "Case" RENAME COLUMN "published" TO "publishConsent";
