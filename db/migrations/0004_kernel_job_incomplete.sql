-- An INCOMPLETE job status (progress made, must run again) instead of FAILED plus an
-- "incomplete: " error prefix, and the reason in its own column. The enum is rebuilt rather
-- than extended with ADD VALUE: the migrator runs in one transaction, and PostgreSQL refuses a
-- value added in the same transaction, which the UPDATE below needs. The partial unique
-- indexes compare the status with a literal of the type, so they are rebuilt around it.
DROP INDEX "job_runs_succeeded_uq";--> statement-breakpoint
DROP INDEX "job_runs_running_uq";--> statement-breakpoint
ALTER TYPE "public"."job_status" RENAME TO "job_status_before_incomplete";--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('RUNNING', 'SUCCEEDED', 'FAILED', 'INCOMPLETE');--> statement-breakpoint
ALTER TABLE "job_runs" ALTER COLUMN "status" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "job_runs" ALTER COLUMN "status" SET DATA TYPE "public"."job_status" USING "status"::text::"public"."job_status";--> statement-breakpoint
ALTER TABLE "job_runs" ALTER COLUMN "status" SET DEFAULT 'RUNNING';--> statement-breakpoint
DROP TYPE "public"."job_status_before_incomplete";--> statement-breakpoint
ALTER TABLE "job_runs" ADD COLUMN "reason" text;--> statement-breakpoint
UPDATE "job_runs" SET "status" = 'INCOMPLETE', "reason" = substr("error", 13), "error" = NULL
  WHERE "status" = 'FAILED' AND "error" LIKE 'incomplete: %';--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_succeeded_uq" ON "job_runs" USING btree ("job","business_key") WHERE "job_runs"."status" = 'SUCCEEDED';--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_running_uq" ON "job_runs" USING btree ("job","business_key") WHERE "job_runs"."status" = 'RUNNING';
