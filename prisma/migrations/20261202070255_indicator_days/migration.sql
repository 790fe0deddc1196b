-- CreateTable
CREATE TABLE "IndicatorDayCount" (
    "day" DATE NOT NULL,
    "unitId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "received" INTEGER NOT NULL,
    "registered" INTEGER NOT NULL,
    "signForDue" INTEGER NOT NULL,
    "signForOnTime" INTEGER NOT NULL,
    "handleDue" INTEGER NOT NULL,
    "completedOnTime" INTEGER NOT NULL,
    "overdueCount" INTEGER NOT NULL,
    "leadAssignments" INTEGER NOT NULL,
    "returned" INTEGER NOT NULL,
    "returnsDecided" INTEGER NOT NULL,
    "wrongReturns" INTEGER NOT NULL,
    "extended" INTEGER NOT NULL,
    "closedDispatched" INTEGER NOT NULL,
    "rehandled" INTEGER NOT NULL,
    "callbacksFinished" INTEGER NOT NULL,
    "callbacksReached" INTEGER NOT NULL,
    "satisfactionAnswered" INTEGER NOT NULL,
    "satisfied" INTEGER NOT NULL,
    "resolutionAnswered" INTEGER NOT NULL,
    "resolvedCount" INTEGER NOT NULL,
    "supervisionCount" INTEGER NOT NULL,
    "urgeCount" INTEGER NOT NULL,
    "criticismCount" INTEGER NOT NULL,
    "responseDue" INTEGER NOT NULL,
    "respondedInTime" INTEGER NOT NULL,
    "settlesAt" TIMESTAMPTZ(3),

    CONSTRAINT "IndicatorDayCount_pkey" PRIMARY KEY ("day","unitId","categoryId","channel")
);

-- CreateTable
CREATE TABLE "IndicatorDay" (
    "day" DATE NOT NULL,
    "computedAt" TIMESTAMPTZ(3) NOT NULL,
    "settlesAt" TIMESTAMPTZ(3),

    CONSTRAINT "IndicatorDay_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "IndicatorDirtyDay" (
    "id" BIGSERIAL NOT NULL,
    "day" DATE NOT NULL,

    CONSTRAINT "IndicatorDirtyDay_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IndicatorDirtyDay_day_idx" ON "IndicatorDirtyDay"("day");

-- The days whose indicator counts a write changes, appended by triggers on every table the
-- indicators read (statistics/indicatorDays.ts rebuilds those days before it sums them). A
-- trigger covers every writer, the projection, seeds and repairs alike. Inserts and deletes
-- are marked per statement (a bulk load marks each day once); updates per row, only when a
-- column the indicators read changed.
CREATE FUNCTION indicator_day(at timestamptz) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (at AT TIME ZONE 'Asia/Shanghai')::date $$;

CREATE FUNCTION indicator_mark_days(days date[]) RETURNS void
  LANGUAGE sql
  AS $$ INSERT INTO "IndicatorDirtyDay" (day) SELECT DISTINCT d FROM unnest(days) AS d WHERE d IS NOT NULL $$;

-- Case: registered (receivedAt), due (the final or running handling deadline), closed (closedAt).
CREATE FUNCTION indicator_mark_case_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "IndicatorDirtyDay" (day)
  SELECT DISTINCT d FROM changed_rows r,
    unnest(ARRAY[indicator_day(r."receivedAt"), indicator_day(COALESCE(r."finalHandleDueAt", r."handleDueAt")), indicator_day(r."closedAt")]) AS d
  WHERE d IS NOT NULL;
  RETURN NULL;
END $$;

CREATE FUNCTION indicator_mark_case_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM indicator_mark_days(ARRAY[
    indicator_day(OLD."receivedAt"), indicator_day(COALESCE(OLD."finalHandleDueAt", OLD."handleDueAt")), indicator_day(OLD."closedAt"),
    indicator_day(NEW."receivedAt"), indicator_day(COALESCE(NEW."finalHandleDueAt", NEW."handleDueAt")), indicator_day(NEW."closedAt")]);
  -- The case's category and channel key the facts of its assignments and notices too.
  IF OLD."categoryId" IS DISTINCT FROM NEW."categoryId" OR OLD.channel IS DISTINCT FROM NEW.channel THEN
    PERFORM indicator_mark_days(ARRAY(
      SELECT indicator_day("dispatchedAt") FROM "CaseAssignment" WHERE "caseId" = NEW.id AND role = 'lead'
      UNION SELECT indicator_day("issuedAt") FROM "SupervisionNotice" WHERE "caseId" = NEW.id
      UNION SELECT indicator_day("createdAt") FROM "Urge" WHERE "caseId" = NEW.id
      UNION SELECT indicator_day("issuedAt") FROM "CriticismNotice" WHERE "caseId" = NEW.id));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER indicator_case_insert AFTER INSERT ON "Case"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_mark_case_rows();
CREATE TRIGGER indicator_case_delete AFTER DELETE ON "Case"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_mark_case_rows();
CREATE TRIGGER indicator_case_update AFTER UPDATE ON "Case" FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD."receivedAt" IS DISTINCT FROM NEW."receivedAt"
     OR OLD."handleDueAt" IS DISTINCT FROM NEW."handleDueAt" OR OLD."finalHandleDueAt" IS DISTINCT FROM NEW."finalHandleDueAt"
     OR OLD."resultSubmittedAt" IS DISTINCT FROM NEW."resultSubmittedAt" OR OLD."closedAt" IS DISTINCT FROM NEW."closedAt"
     OR OLD."leadUnitId" IS DISTINCT FROM NEW."leadUnitId" OR OLD."categoryId" IS DISTINCT FROM NEW."categoryId"
     OR OLD.channel IS DISTINCT FROM NEW.channel OR OLD."rehandleCount" IS DISTINCT FROM NEW."rehandleCount")
  EXECUTE FUNCTION indicator_mark_case_update();

-- Lead assignments: their dispatch day. A unit's 受理量 counts a case on its first lead dispatch
-- to the unit, so a change marks the days of the case's other lead assignments to that unit.
CREATE FUNCTION indicator_mark_assignment_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "IndicatorDirtyDay" (day)
  SELECT DISTINCT indicator_day(a."dispatchedAt")
  FROM (SELECT DISTINCT "caseId", "unitId" FROM changed_rows WHERE role = 'lead') AS r
  JOIN "CaseAssignment" a ON a."caseId" = r."caseId" AND a."unitId" = r."unitId" AND a.role = 'lead'
  UNION
  SELECT indicator_day("dispatchedAt") FROM changed_rows WHERE role = 'lead';
  RETURN NULL;
END $$;

CREATE FUNCTION indicator_mark_assignment_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.role = 'lead' OR NEW.role = 'lead' THEN
    PERFORM indicator_mark_days(ARRAY[indicator_day(OLD."dispatchedAt"), indicator_day(NEW."dispatchedAt")]);
    IF OLD."dispatchedAt" IS DISTINCT FROM NEW."dispatchedAt" OR OLD."unitId" IS DISTINCT FROM NEW."unitId"
       OR OLD.role IS DISTINCT FROM NEW.role OR OLD."caseId" IS DISTINCT FROM NEW."caseId" THEN
      PERFORM indicator_mark_days(ARRAY(
        SELECT indicator_day("dispatchedAt") FROM "CaseAssignment"
        WHERE role = 'lead' AND (("caseId" = OLD."caseId" AND "unitId" = OLD."unitId") OR ("caseId" = NEW."caseId" AND "unitId" = NEW."unitId"))));
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER indicator_assignment_insert AFTER INSERT ON "CaseAssignment"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_mark_assignment_rows();
CREATE TRIGGER indicator_assignment_delete AFTER DELETE ON "CaseAssignment"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_mark_assignment_rows();
CREATE TRIGGER indicator_assignment_update AFTER UPDATE ON "CaseAssignment" FOR EACH ROW
  WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD."unitId" IS DISTINCT FROM NEW."unitId" OR OLD."caseId" IS DISTINCT FROM NEW."caseId"
     OR OLD."dispatchedAt" IS DISTINCT FROM NEW."dispatchedAt" OR OLD."signForDueAt" IS DISTINCT FROM NEW."signForDueAt"
     OR OLD."signedAt" IS DISTINCT FROM NEW."signedAt" OR OLD.status IS DISTINCT FROM NEW.status
     OR OLD."firstContactAt" IS DISTINCT FROM NEW."firstContactAt")
  EXECUTE FUNCTION indicator_mark_assignment_update();

-- Return and extension requests: the dispatch day of the assignment they belong to.
CREATE FUNCTION indicator_mark_request_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "IndicatorDirtyDay" (day)
  SELECT DISTINCT indicator_day(a."dispatchedAt") FROM changed_rows r JOIN "CaseAssignment" a ON a.id = r."assignmentId";
  RETURN NULL;
END $$;

CREATE FUNCTION indicator_mark_request_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM indicator_mark_days(ARRAY(SELECT indicator_day("dispatchedAt") FROM "CaseAssignment" WHERE id IN (OLD."assignmentId", NEW."assignmentId")));
  RETURN NULL;
END $$;

CREATE TRIGGER indicator_return_insert AFTER INSERT ON "ReturnRequest"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_mark_request_rows();
CREATE TRIGGER indicator_return_delete AFTER DELETE ON "ReturnRequest"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_mark_request_rows();
CREATE TRIGGER indicator_return_update AFTER UPDATE ON "ReturnRequest" FOR EACH ROW
  WHEN (OLD.decision IS DISTINCT FROM NEW.decision OR OLD."wrongReturn" IS DISTINCT FROM NEW."wrongReturn" OR OLD."assignmentId" IS DISTINCT FROM NEW."assignmentId")
  EXECUTE FUNCTION indicator_mark_request_update();
CREATE TRIGGER indicator_extension_insert AFTER INSERT ON "ExtensionRequest"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_mark_request_rows();
CREATE TRIGGER indicator_extension_delete AFTER DELETE ON "ExtensionRequest"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_mark_request_rows();
CREATE TRIGGER indicator_extension_update AFTER UPDATE ON "ExtensionRequest" FOR EACH ROW
  WHEN (OLD.decision IS DISTINCT FROM NEW.decision OR OLD."assignmentId" IS DISTINCT FROM NEW."assignmentId")
  EXECUTE FUNCTION indicator_mark_request_update();

-- Callbacks: the closing day of their case (the latest round's answer counts there).
CREATE FUNCTION indicator_mark_callback_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "IndicatorDirtyDay" (day)
  SELECT DISTINCT indicator_day(c."closedAt") FROM changed_rows r JOIN "Case" c ON c.id = r."caseId" WHERE c."closedAt" IS NOT NULL;
  RETURN NULL;
END $$;

CREATE FUNCTION indicator_mark_callback_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM indicator_mark_days(ARRAY(SELECT indicator_day("closedAt") FROM "Case" WHERE id IN (OLD."caseId", NEW."caseId")));
  RETURN NULL;
END $$;

CREATE TRIGGER indicator_callback_insert AFTER INSERT ON "Callback"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_mark_callback_rows();
CREATE TRIGGER indicator_callback_delete AFTER DELETE ON "Callback"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_mark_callback_rows();
CREATE TRIGGER indicator_callback_update AFTER UPDATE ON "Callback" FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.satisfaction IS DISTINCT FROM NEW.satisfaction
     OR OLD.resolved IS DISTINCT FROM NEW.resolved OR OLD.round IS DISTINCT FROM NEW.round OR OLD."caseId" IS DISTINCT FROM NEW."caseId")
  EXECUTE FUNCTION indicator_mark_callback_update();

-- Supervision notices, urges and criticism notices: their own day (the trigger's argument names its column).
CREATE FUNCTION indicator_mark_dated_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('INSERT INTO "IndicatorDirtyDay" (day) SELECT DISTINCT indicator_day(%I) FROM changed_rows', TG_ARGV[0]);
  RETURN NULL;
END $$;

CREATE FUNCTION indicator_mark_dated_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('SELECT indicator_mark_days(ARRAY[indicator_day($1.%I), indicator_day($2.%I)])', TG_ARGV[0], TG_ARGV[0]) USING OLD, NEW;
  RETURN NULL;
END $$;

CREATE TRIGGER indicator_supervision_insert AFTER INSERT ON "SupervisionNotice"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_mark_dated_rows('issuedAt');
CREATE TRIGGER indicator_supervision_delete AFTER DELETE ON "SupervisionNotice"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_mark_dated_rows('issuedAt');
CREATE TRIGGER indicator_supervision_update AFTER UPDATE ON "SupervisionNotice" FOR EACH ROW
  WHEN (OLD."issuedAt" IS DISTINCT FROM NEW."issuedAt" OR OLD."unitId" IS DISTINCT FROM NEW."unitId" OR OLD."caseId" IS DISTINCT FROM NEW."caseId")
  EXECUTE FUNCTION indicator_mark_dated_update('issuedAt');
CREATE TRIGGER indicator_urge_insert AFTER INSERT ON "Urge"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_mark_dated_rows('createdAt');
CREATE TRIGGER indicator_urge_delete AFTER DELETE ON "Urge"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_mark_dated_rows('createdAt');
CREATE TRIGGER indicator_urge_update AFTER UPDATE ON "Urge" FOR EACH ROW
  WHEN (OLD."createdAt" IS DISTINCT FROM NEW."createdAt" OR OLD."unitId" IS DISTINCT FROM NEW."unitId" OR OLD."caseId" IS DISTINCT FROM NEW."caseId")
  EXECUTE FUNCTION indicator_mark_dated_update('createdAt');
CREATE TRIGGER indicator_criticism_insert AFTER INSERT ON "CriticismNotice"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_mark_dated_rows('issuedAt');
CREATE TRIGGER indicator_criticism_delete AFTER DELETE ON "CriticismNotice"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_mark_dated_rows('issuedAt');
CREATE TRIGGER indicator_criticism_update AFTER UPDATE ON "CriticismNotice" FOR EACH ROW
  WHEN (OLD."issuedAt" IS DISTINCT FROM NEW."issuedAt" OR OLD."unitId" IS DISTINCT FROM NEW."unitId" OR OLD."caseId" IS DISTINCT FROM NEW."caseId")
  EXECUTE FUNCTION indicator_mark_dated_update('issuedAt');

-- The response window (rule response.withinHours) moves every day's 响应率 deadline: every
-- built day is forgotten and rebuilt when next read.
CREATE FUNCTION indicator_forget_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP <> 'DELETE' AND NEW.key = 'response.withinHours') OR (TG_OP <> 'INSERT' AND OLD.key = 'response.withinHours') THEN
    DELETE FROM "IndicatorDay";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER indicator_response_window AFTER INSERT OR UPDATE OR DELETE ON "RuleSetting"
  FOR EACH ROW EXECUTE FUNCTION indicator_forget_days();
