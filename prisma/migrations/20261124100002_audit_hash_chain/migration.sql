-- A tamper-evident, append-only audit trail (docs/audit.md), enforced by the database so that
-- every writer of "AuditEvent" is covered whatever its code: a BEFORE INSERT trigger chains
-- each row to the previous one of its chain (SHA-256), other triggers refuse UPDATE, DELETE
-- and TRUNCATE, and api/audit/verifyChain.ts recomputes the chains independently.

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "chainKey" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "chainSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "hash" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "prevHash" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "chainKey" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("chainKey")
);

-- The canonical form of a row, version 1: a JSON array, printed by jsonb (", " and ": "
-- separators, object keys ordered by byte length then bytes, numbers as numeric prints them),
-- of the row's meaningful fields in this order. occurredAt in UTC with milliseconds.
-- api/audit/canonical.ts writes the same bytes from the row without asking the database.
CREATE FUNCTION audit_event_canonical(e "AuditEvent") RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(
    'hotline-audit-v1', e."chainKey", e."chainSeq", e."prevHash",
    e."idempotencyKey", e."caseId", e."entityType", e."entityId", e."action",
    e."actorId", e."actorRole", e."actorUnitId", e."reason",
    to_char(e."occurredAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    e."payload"
  )::text
$$;

CREATE FUNCTION audit_event_hash(e "AuditEvent") RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(audit_event_canonical(e), 'UTF8')), 'hex')
$$;

-- Backfill: the rows written before this migration become chains in id order.
UPDATE "AuditEvent" SET "chainKey" = COALESCE("caseId", "entityType" || ':' || "entityId");
UPDATE "AuditEvent" AS a SET "chainSeq" = o.seq
FROM (SELECT id, row_number() OVER (PARTITION BY "chainKey" ORDER BY id) AS seq FROM "AuditEvent") AS o
WHERE a.id = o.id;
DO $$
DECLARE
  r "AuditEvent";
  chain text := NULL;
  previous text;
BEGIN
  FOR r IN SELECT * FROM "AuditEvent" ORDER BY "chainKey", "chainSeq" LOOP
    IF r."chainKey" IS DISTINCT FROM chain THEN
      chain := r."chainKey";
      previous := repeat('0', 64);
    END IF;
    r."prevHash" := previous;
    r."hash" := audit_event_hash(r);
    UPDATE "AuditEvent" SET "prevHash" = r."prevHash", "hash" = r."hash" WHERE id = r.id;
    previous := r."hash";
  END LOOP;
END $$;
INSERT INTO "AuditChainHead" ("chainKey", "seq", "hash")
SELECT DISTINCT ON ("chainKey") "chainKey", "chainSeq", "hash" FROM "AuditEvent" ORDER BY "chainKey", "chainSeq" DESC;

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_chainKey_chainSeq_key" ON "AuditEvent"("chainKey", "chainSeq");

-- Chains a new row, whatever chainKey/chainSeq/prevHash/hash the writer sent. Concurrency: the
-- head row is locked by INSERT … ON CONFLICT DO UPDATE, which waits for a concurrent writer of
-- the chain to commit and then returns the latest committed head (a plain SELECT of the last
-- row would miss it under READ COMMITTED); the lock is held until commit, so one chain's
-- writers queue. A row whose idempotencyKey is already there (a retry, INSERT … ON CONFLICT DO
-- NOTHING) leaves the head alone, else the skipped row would leave a gap.
-- SECURITY DEFINER: the application's role needs no right on "AuditChainHead".
CREATE FUNCTION audit_event_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  head_seq integer;
  head_hash text;
BEGIN
  NEW."chainKey" := COALESCE(NEW."caseId", NEW."entityType" || ':' || NEW."entityId");
  INSERT INTO "AuditChainHead" AS head ("chainKey", "seq", "hash") VALUES (NEW."chainKey", 0, repeat('0', 64))
  ON CONFLICT ("chainKey") DO UPDATE SET "seq" = head."seq"
  RETURNING head."seq", head."hash" INTO head_seq, head_hash;
  IF EXISTS (SELECT 1 FROM "AuditEvent" WHERE "idempotencyKey" = NEW."idempotencyKey") THEN
    RETURN NEW; -- the unique index refuses it (or ON CONFLICT DO NOTHING skips it)
  END IF;
  NEW."chainSeq" := head_seq + 1;
  NEW."prevHash" := head_hash;
  NEW."hash" := audit_event_hash(NEW);
  UPDATE "AuditChainHead" SET "seq" = NEW."chainSeq", "hash" = NEW."hash" WHERE "chainKey" = NEW."chainKey";
  RETURN NEW;
END $$;
-- Pinned to this schema, pg_temp last: a temporary table cannot stand in for the head.
DO $$ BEGIN
  EXECUTE format('ALTER FUNCTION audit_event_chain() SET search_path = %I, pg_temp', current_schema());
END $$;

CREATE FUNCTION audit_event_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % on "AuditEvent" is refused', TG_OP
    USING ERRCODE = 'insufficient_privilege', HINT = 'audit rows are never changed or removed (docs/audit.md)';
END $$;

-- The head moves only from audit_event_chain() (a trigger inside a trigger: depth 2).
CREATE FUNCTION audit_chain_head_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the audit trail is append-only: % on "AuditChainHead" is refused', TG_OP
    USING ERRCODE = 'insufficient_privilege', HINT = 'a chain head moves only when an audit row is inserted (docs/audit.md)';
END $$;

CREATE TRIGGER "AuditEvent_chain" BEFORE INSERT ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_chain();
CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER "AuditChainHead_guard" BEFORE UPDATE OR DELETE ON "AuditChainHead"
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard();
CREATE TRIGGER "AuditChainHead_no_truncate" BEFORE TRUNCATE ON "AuditChainHead"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_guard();

-- Table owners and superusers keep every right; everyone else gets them by GRANT only.
REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvent" FROM PUBLIC;
REVOKE ALL ON "AuditChainHead" FROM PUBLIC;
