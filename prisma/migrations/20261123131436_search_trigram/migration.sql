-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateIndex
CREATE INDEX "Case_title_trgm_idx" ON "Case" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Case_content_trgm_idx" ON "Case" USING GIN ("content" gin_trgm_ops);
