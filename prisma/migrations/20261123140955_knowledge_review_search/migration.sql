-- AlterTable
ALTER TABLE "KnowledgeArticle" ADD COLUMN     "reviewComment" TEXT,
ADD COLUMN     "revisionOfId" TEXT,
ADD COLUMN     "submittedById" TEXT,
ADD COLUMN     "updatedById" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "KnowledgeArticle_revisionOfId_key" ON "KnowledgeArticle"("revisionOfId");

-- CreateIndex
CREATE INDEX "KnowledgeArticle_title_trgm_idx" ON "KnowledgeArticle" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "KnowledgeAnswer_body_trgm_idx" ON "KnowledgeAnswer" USING GIN ("body" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "KnowledgeArticle" ADD CONSTRAINT "KnowledgeArticle_revisionOfId_fkey" FOREIGN KEY ("revisionOfId") REFERENCES "KnowledgeArticle"("id") ON DELETE CASCADE ON UPDATE CASCADE;
