-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('hotlineOffice', 'district', 'department', 'street', 'subBureau', 'enterprise');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('operator', 'dispatcher', 'unitHandler', 'unitLeader', 'supervisor', 'auditor', 'admin');

-- CreateEnum
CREATE TYPE "Urgency" AS ENUM ('normal', 'urgent', 'emergency');

-- CreateEnum
CREATE TYPE "DeadlineClock" AS ENUM ('signFor', 'handle', 'assistOpinion', 'returnWindow', 'extensionDecision', 'callback', 'reReviewWindow', 'escalateToSupervisor', 'escalateToLeadership');

-- CreateEnum
CREATE TYPE "LimitUnit" AS ENUM ('minutes', 'hours', 'calendarDays', 'workingDays');

-- CreateEnum
CREATE TYPE "CalendarDayKind" AS ENUM ('workday', 'weekend', 'holiday', 'adjustedWorkday');

-- CreateEnum
CREATE TYPE "CalendarSource" AS ENUM ('chineseDays', 'admin');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('phone', 'sms', 'web', 'email', 'letter', 'wechat', 'open311', 'walkIn');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('draft', 'registered', 'answeredDirectly', 'rejected', 'merged', 'dispatched', 'returnRequested', 'arbitration', 'signed', 'subDispatched', 'resultSubmitted', 'unitApproved', 'callback', 'closed', 'reReview', 'archived');

-- CreateEnum
CREATE TYPE "WarningLevel" AS ENUM ('green', 'yellow', 'red');

-- CreateEnum
CREATE TYPE "Satisfaction" AS ENUM ('satisfied', 'basicallySatisfied', 'unsatisfied');

-- CreateEnum
CREATE TYPE "AssignmentRole" AS ENUM ('lead', 'assist', 'sub');

-- CreateEnum
CREATE TYPE "AssignmentStatus" AS ENUM ('dispatched', 'signed', 'returnRequested', 'returned', 'subDispatched', 'opinionSubmitted', 'resultSubmitted', 'completed', 'withdrawn');

-- CreateEnum
CREATE TYPE "RequestDecision" AS ENUM ('pending', 'approved', 'rejected', 'withdrawn');

-- CreateEnum
CREATE TYPE "ReviewOutcome" AS ENUM ('pending', 'accepted', 'sentBack');

-- CreateEnum
CREATE TYPE "TriggerKind" AS ENUM ('automatic', 'manual');

-- CreateEnum
CREATE TYPE "CallbackStatus" AS ENUM ('pending', 'inProgress', 'reached', 'unreachable', 'cancelled');

-- CreateEnum
CREATE TYPE "ContactMethod" AS ENUM ('phoneCall', 'sms', 'operator');

-- CreateEnum
CREATE TYPE "ReReviewStatus" AS ENUM ('pending', 'reopened', 'refused');

-- CreateEnum
CREATE TYPE "AttachmentKind" AS ENUM ('photo', 'document', 'recording', 'other');

-- CreateEnum
CREATE TYPE "Direction" AS ENUM ('inbound', 'outbound');

-- CreateEnum
CREATE TYPE "CallPurpose" AS ENUM ('intake', 'voicemail', 'caseQuery', 'callback', 'other');

-- CreateEnum
CREATE TYPE "ArticleStatus" AS ENUM ('draft', 'inReview', 'published', 'retired');

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "kind" "UnitKind" NOT NULL,
    "level" INTEGER NOT NULL,
    "parentId" TEXT,
    "lineage" TEXT[],
    "dutyPhone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "roles" "Role"[],
    "unitId" TEXT NOT NULL,
    "phone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMPTZ(3),
    "lastLoginAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RefreshToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "userAgent" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RefreshToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseType" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CaseType_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Category" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "parentId" TEXT,
    "lineage" TEXT[],
    "defaultUnitId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeadlinePolicy" (
    "id" TEXT NOT NULL,
    "clock" "DeadlineClock" NOT NULL,
    "caseTypeCode" TEXT,
    "categoryId" TEXT,
    "urgency" "Urgency",
    "amount" INTEGER NOT NULL,
    "unit" "LimitUnit" NOT NULL,
    "warnAmount" INTEGER,
    "warnUnit" "LimitUnit",
    "warnRatio" DECIMAL(4,3),
    "description" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DeadlinePolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RuleSetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "description" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RuleSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" DATE NOT NULL,
    "isWorkingDay" BOOLEAN NOT NULL,
    "kind" "CalendarDayKind" NOT NULL,
    "name" TEXT,
    "source" "CalendarSource" NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "CalendarYear" (
    "year" INTEGER NOT NULL,
    "source" "CalendarSource" NOT NULL,
    "importedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT,

    CONSTRAINT "CalendarYear_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "caseTypeCode" TEXT NOT NULL,
    "categoryId" TEXT,
    "urgency" "Urgency" NOT NULL DEFAULT 'normal',
    "status" "CaseStatus" NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "citizenName" TEXT,
    "citizenPhone" TEXT,
    "queryPasswordHash" TEXT,
    "address" TEXT,
    "longitude" DECIMAL(9,6),
    "latitude" DECIMAL(9,6),
    "leadUnitId" TEXT,
    "mergedIntoId" TEXT,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "registeredAt" TIMESTAMPTZ(3) NOT NULL,
    "registeredById" TEXT,
    "dispatchedAt" TIMESTAMPTZ(3),
    "signedAt" TIMESTAMPTZ(3),
    "resultSubmittedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "archivedAt" TIMESTAMPTZ(3),
    "signForDueAt" TIMESTAMPTZ(3),
    "handleDueAt" TIMESTAMPTZ(3),
    "originalHandleDueAt" TIMESTAMPTZ(3),
    "reReviewUntil" TIMESTAMPTZ(3),
    "warningLevel" "WarningLevel" NOT NULL DEFAULT 'green',
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "returnCount" INTEGER NOT NULL DEFAULT 0,
    "extensionCount" INTEGER NOT NULL DEFAULT 0,
    "extensionWorkingDays" INTEGER NOT NULL DEFAULT 0,
    "rehandleCount" INTEGER NOT NULL DEFAULT 0,
    "urgeCount" INTEGER NOT NULL DEFAULT 0,
    "supervisionCount" INTEGER NOT NULL DEFAULT 0,
    "satisfaction" "Satisfaction",
    "resolved" BOOLEAN,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "projectionVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseNumberCounter" (
    "day" TEXT NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "CaseNumberCounter_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "CaseAssignment" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "role" "AssignmentRole" NOT NULL,
    "status" "AssignmentStatus" NOT NULL,
    "parentAssignmentId" TEXT,
    "round" INTEGER NOT NULL DEFAULT 1,
    "dispatchedById" TEXT,
    "dispatchedAt" TIMESTAMPTZ(3) NOT NULL,
    "signForDueAt" TIMESTAMPTZ(3),
    "signedAt" TIMESTAMPTZ(3),
    "signedById" TEXT,
    "dueAt" TIMESTAMPTZ(3),
    "completedAt" TIMESTAMPTZ(3),
    "opinion" TEXT,
    "warningLevel" "WarningLevel" NOT NULL DEFAULT 'green',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CaseAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReturnRequest" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL,
    "decision" "RequestDecision" NOT NULL DEFAULT 'pending',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionReason" TEXT,
    "redispatchUnitId" TEXT,
    "wrongReturn" BOOLEAN NOT NULL DEFAULT false,
    "arbitrated" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ReturnRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExtensionRequest" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "workingDays" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL,
    "decision" "RequestDecision" NOT NULL DEFAULT 'pending',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionReason" TEXT,
    "beyondCap" BOOLEAN NOT NULL DEFAULT false,
    "previousDueAt" TIMESTAMPTZ(3) NOT NULL,
    "newDueAt" TIMESTAMPTZ(3),

    CONSTRAINT "ExtensionRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseResult" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "actionsTaken" TEXT NOT NULL,
    "replyToCitizen" TEXT NOT NULL,
    "legalBasis" TEXT,
    "handlerName" TEXT NOT NULL,
    "reviewerName" TEXT,
    "citizenContacted" BOOLEAN NOT NULL,
    "resolved" BOOLEAN,
    "submittedById" TEXT NOT NULL,
    "submittedAt" TIMESTAMPTZ(3) NOT NULL,
    "unitApprovedById" TEXT,
    "unitApprovedAt" TIMESTAMPTZ(3),
    "reviewOutcome" "ReviewOutcome" NOT NULL DEFAULT 'pending',
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMPTZ(3),
    "reviewComment" TEXT,

    CONSTRAINT "CaseResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Urge" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "kind" "TriggerKind" NOT NULL,
    "reason" TEXT,
    "actorId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Urge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionNotice" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "kind" "TriggerKind" NOT NULL,
    "content" TEXT NOT NULL,
    "issuedById" TEXT,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL,
    "dueAt" TIMESTAMPTZ(3),
    "respondedAt" TIMESTAMPTZ(3),
    "response" TEXT,

    CONSTRAINT "SupervisionNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Callback" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "status" "CallbackStatus" NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "method" "ContactMethod",
    "satisfaction" "Satisfaction",
    "resolved" BOOLEAN,
    "comment" TEXT,
    "recordedById" TEXT,

    CONSTRAINT "Callback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallbackAttempt" (
    "id" TEXT NOT NULL,
    "callbackId" TEXT NOT NULL,
    "attemptNo" INTEGER NOT NULL,
    "method" "ContactMethod" NOT NULL,
    "outcome" TEXT NOT NULL,
    "callSid" TEXT,
    "messageSid" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CallbackAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReReviewRequest" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "ReReviewStatus" NOT NULL DEFAULT 'pending',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionReason" TEXT,

    CONSTRAINT "ReReviewRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "caseId" TEXT,
    "kind" "AttachmentKind" NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Call" (
    "id" TEXT NOT NULL,
    "callSid" TEXT NOT NULL,
    "direction" "Direction" NOT NULL,
    "purpose" "CallPurpose" NOT NULL,
    "fromNumber" TEXT NOT NULL,
    "toNumber" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "ivrPath" TEXT,
    "caseId" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "answeredAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "durationSec" INTEGER,
    "needsCallback" BOOLEAN NOT NULL DEFAULT false,
    "calledBackAt" TIMESTAMPTZ(3),
    "calledBackById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Call_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Recording" (
    "id" TEXT NOT NULL,
    "recordingSid" TEXT,
    "callId" TEXT NOT NULL,
    "attachmentId" TEXT,
    "source" TEXT NOT NULL,
    "durationSec" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Recording_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TranscriptSegment" (
    "id" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "startMs" INTEGER NOT NULL,
    "endMs" INTEGER NOT NULL,
    "speaker" TEXT,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TranscriptSegment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmsMessage" (
    "id" TEXT NOT NULL,
    "messageSid" TEXT,
    "direction" "Direction" NOT NULL,
    "fromNumber" TEXT NOT NULL,
    "toNumber" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "templateCode" TEXT,
    "caseId" TEXT,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),
    "deliveredAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SmsMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageTemplate" (
    "code" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "bodyEn" TEXT,
    "description" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MessageTemplate_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "SmsOptOut" (
    "phone" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SmsOptOut_pkey" PRIMARY KEY ("phone")
);

-- CreateTable
CREATE TABLE "KnowledgeArticle" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "categoryId" TEXT,
    "keywords" TEXT[],
    "status" "ArticleStatus" NOT NULL DEFAULT 'draft',
    "createdById" TEXT,
    "reviewedById" TEXT,
    "publishedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "KnowledgeArticle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KnowledgeAnswer" (
    "id" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "KnowledgeAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "caseId" TEXT,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actorId" TEXT,
    "actorRole" TEXT,
    "actorUnitId" TEXT,
    "reason" TEXT,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");

-- CreateIndex
CREATE INDEX "Unit_parentId_idx" ON "Unit"("parentId");

-- CreateIndex
CREATE INDEX "Unit_lineage_idx" ON "Unit" USING GIN ("lineage");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "User_unitId_idx" ON "User"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "RefreshToken_tokenHash_key" ON "RefreshToken"("tokenHash");

-- CreateIndex
CREATE INDEX "RefreshToken_userId_idx" ON "RefreshToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Category_code_key" ON "Category"("code");

-- CreateIndex
CREATE INDEX "Category_parentId_idx" ON "Category"("parentId");

-- CreateIndex
CREATE INDEX "Category_lineage_idx" ON "Category" USING GIN ("lineage");

-- CreateIndex
CREATE INDEX "DeadlinePolicy_clock_caseTypeCode_categoryId_urgency_idx" ON "DeadlinePolicy"("clock", "caseTypeCode", "categoryId", "urgency");

-- CreateIndex
CREATE INDEX "CalendarDay_isWorkingDay_date_idx" ON "CalendarDay"("isWorkingDay", "date");

-- CreateIndex
CREATE UNIQUE INDEX "Case_workflowId_key" ON "Case"("workflowId");

-- CreateIndex
CREATE INDEX "Case_status_warningLevel_idx" ON "Case"("status", "warningLevel");

-- CreateIndex
CREATE INDEX "Case_leadUnitId_status_idx" ON "Case"("leadUnitId", "status");

-- CreateIndex
CREATE INDEX "Case_categoryId_idx" ON "Case"("categoryId");

-- CreateIndex
CREATE INDEX "Case_citizenPhone_receivedAt_idx" ON "Case"("citizenPhone", "receivedAt");

-- CreateIndex
CREATE INDEX "Case_registeredAt_idx" ON "Case"("registeredAt");

-- CreateIndex
CREATE INDEX "Case_handleDueAt_idx" ON "Case"("handleDueAt");

-- CreateIndex
CREATE INDEX "Case_mergedIntoId_idx" ON "Case"("mergedIntoId");

-- CreateIndex
CREATE INDEX "CaseAssignment_caseId_idx" ON "CaseAssignment"("caseId");

-- CreateIndex
CREATE INDEX "CaseAssignment_unitId_status_idx" ON "CaseAssignment"("unitId", "status");

-- CreateIndex
CREATE INDEX "ReturnRequest_caseId_idx" ON "ReturnRequest"("caseId");

-- CreateIndex
CREATE INDEX "ReturnRequest_unitId_requestedAt_idx" ON "ReturnRequest"("unitId", "requestedAt");

-- CreateIndex
CREATE INDEX "ExtensionRequest_caseId_idx" ON "ExtensionRequest"("caseId");

-- CreateIndex
CREATE INDEX "ExtensionRequest_unitId_requestedAt_idx" ON "ExtensionRequest"("unitId", "requestedAt");

-- CreateIndex
CREATE INDEX "CaseResult_caseId_idx" ON "CaseResult"("caseId");

-- CreateIndex
CREATE INDEX "CaseResult_unitId_submittedAt_idx" ON "CaseResult"("unitId", "submittedAt");

-- CreateIndex
CREATE INDEX "Urge_caseId_idx" ON "Urge"("caseId");

-- CreateIndex
CREATE INDEX "Urge_unitId_createdAt_idx" ON "Urge"("unitId", "createdAt");

-- CreateIndex
CREATE INDEX "SupervisionNotice_caseId_idx" ON "SupervisionNotice"("caseId");

-- CreateIndex
CREATE INDEX "SupervisionNotice_unitId_issuedAt_idx" ON "SupervisionNotice"("unitId", "issuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Callback_caseId_round_key" ON "Callback"("caseId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "CallbackAttempt_callbackId_attemptNo_key" ON "CallbackAttempt"("callbackId", "attemptNo");

-- CreateIndex
CREATE INDEX "ReReviewRequest_caseId_idx" ON "ReReviewRequest"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_storageKey_key" ON "Attachment"("storageKey");

-- CreateIndex
CREATE INDEX "Attachment_caseId_idx" ON "Attachment"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "Call_callSid_key" ON "Call"("callSid");

-- CreateIndex
CREATE INDEX "Call_caseId_idx" ON "Call"("caseId");

-- CreateIndex
CREATE INDEX "Call_fromNumber_startedAt_idx" ON "Call"("fromNumber", "startedAt");

-- CreateIndex
CREATE INDEX "Call_needsCallback_startedAt_idx" ON "Call"("needsCallback", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Recording_recordingSid_key" ON "Recording"("recordingSid");

-- CreateIndex
CREATE INDEX "Recording_callId_idx" ON "Recording"("callId");

-- CreateIndex
CREATE INDEX "TranscriptSegment_callId_startMs_idx" ON "TranscriptSegment"("callId", "startMs");

-- CreateIndex
CREATE UNIQUE INDEX "SmsMessage_messageSid_key" ON "SmsMessage"("messageSid");

-- CreateIndex
CREATE INDEX "SmsMessage_caseId_idx" ON "SmsMessage"("caseId");

-- CreateIndex
CREATE INDEX "SmsMessage_fromNumber_createdAt_idx" ON "SmsMessage"("fromNumber", "createdAt");

-- CreateIndex
CREATE INDEX "KnowledgeArticle_categoryId_status_idx" ON "KnowledgeArticle"("categoryId", "status");

-- CreateIndex
CREATE INDEX "KnowledgeAnswer_articleId_idx" ON "KnowledgeAnswer"("articleId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_idempotencyKey_key" ON "AuditEvent"("idempotencyKey");

-- CreateIndex
CREATE INDEX "AuditEvent_caseId_id_idx" ON "AuditEvent"("caseId", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_idx" ON "AuditEvent"("occurredAt");

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RefreshToken" ADD CONSTRAINT "RefreshToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Category" ADD CONSTRAINT "Category_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Category" ADD CONSTRAINT "Category_defaultUnitId_fkey" FOREIGN KEY ("defaultUnitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlinePolicy" ADD CONSTRAINT "DeadlinePolicy_caseTypeCode_fkey" FOREIGN KEY ("caseTypeCode") REFERENCES "CaseType"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlinePolicy" ADD CONSTRAINT "DeadlinePolicy_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_caseTypeCode_fkey" FOREIGN KEY ("caseTypeCode") REFERENCES "CaseType"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_leadUnitId_fkey" FOREIGN KEY ("leadUnitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAssignment" ADD CONSTRAINT "CaseAssignment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAssignment" ADD CONSTRAINT "CaseAssignment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAssignment" ADD CONSTRAINT "CaseAssignment_parentAssignmentId_fkey" FOREIGN KEY ("parentAssignmentId") REFERENCES "CaseAssignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReturnRequest" ADD CONSTRAINT "ReturnRequest_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReturnRequest" ADD CONSTRAINT "ReturnRequest_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExtensionRequest" ADD CONSTRAINT "ExtensionRequest_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExtensionRequest" ADD CONSTRAINT "ExtensionRequest_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseResult" ADD CONSTRAINT "CaseResult_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseResult" ADD CONSTRAINT "CaseResult_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Urge" ADD CONSTRAINT "Urge_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Urge" ADD CONSTRAINT "Urge_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionNotice" ADD CONSTRAINT "SupervisionNotice_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionNotice" ADD CONSTRAINT "SupervisionNotice_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Callback" ADD CONSTRAINT "Callback_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallbackAttempt" ADD CONSTRAINT "CallbackAttempt_callbackId_fkey" FOREIGN KEY ("callbackId") REFERENCES "Callback"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReReviewRequest" ADD CONSTRAINT "ReReviewRequest_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recording" ADD CONSTRAINT "Recording_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recording" ADD CONSTRAINT "Recording_attachmentId_fkey" FOREIGN KEY ("attachmentId") REFERENCES "Attachment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TranscriptSegment" ADD CONSTRAINT "TranscriptSegment_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmsMessage" ADD CONSTRAINT "SmsMessage_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeArticle" ADD CONSTRAINT "KnowledgeArticle_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeAnswer" ADD CONSTRAINT "KnowledgeAnswer_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "KnowledgeArticle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
