-- Rate limits move from fixed-window counters to one GCRA bucket per (rule, subject).
-- The old rows are short-lived counters with nothing worth keeping: the table is recreated.
DROP TABLE IF EXISTS "rate_limits";--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"tat" timestamp with time zone NOT NULL,
	"allowed" boolean NOT NULL
);--> statement-breakpoint
CREATE INDEX "rate_limits_tat_idx" ON "rate_limits" USING btree ("tat");--> statement-breakpoint
CREATE INDEX "ad_views_started_idx" ON "ad_views" USING btree ("started_at");
