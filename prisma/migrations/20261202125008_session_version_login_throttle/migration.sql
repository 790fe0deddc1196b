-- AlterTable
ALTER TABLE "User" DROP COLUMN "failedLogins",
DROP COLUMN "lockedUntil",
ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "RefreshToken" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "LoginThrottle_windowStart_idx" ON "LoginThrottle"("windowStart");

-- Access tokens carry the user's sessionVersion (claim `sv`); the API refuses a token whose
-- version is no longer the user's. Whatever changes what a session may do — the account's
-- active flag, its roles, its unit, its password — moves the version on, whichever code path
-- (API, script, psql) made the change.
CREATE FUNCTION user_session_version_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."active" IS DISTINCT FROM OLD."active"
     OR NEW."roles" IS DISTINCT FROM OLD."roles"
     OR NEW."unitId" IS DISTINCT FROM OLD."unitId"
     OR NEW."passwordHash" IS DISTINCT FROM OLD."passwordHash" THEN
    NEW."sessionVersion" := OLD."sessionVersion" + 1;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER user_session_version_bump
BEFORE UPDATE ON "User"
FOR EACH ROW EXECUTE FUNCTION user_session_version_bump();
