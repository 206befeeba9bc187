CREATE TYPE "public"."universe_rule" AS ENUM('KEEP', 'DEFAULT', 'MOST_ACTIVE');--> statement-breakpoint
CREATE TABLE "universe_policy" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"rule" "universe_rule" DEFAULT 'KEEP' NOT NULL,
	"size" integer DEFAULT 100 NOT NULL,
	"pinned" text[] DEFAULT '{}'::text[] NOT NULL,
	"excluded" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "universe_policy_singleton" CHECK ("universe_policy"."id" = 1),
	CONSTRAINT "universe_policy_size" CHECK ("universe_policy"."size" between 1 and 200)
);
--> statement-breakpoint
ALTER TABLE "universe_policy" ADD CONSTRAINT "universe_policy_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;