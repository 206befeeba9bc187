ALTER TABLE "users" ADD COLUMN "nickname_set_at" timestamp with time zone;--> statement-breakpoint
-- Backfill: a player who set a nickname before this column existed left a `user.nickname_set` audit line (actor = the player).
UPDATE "users" u SET "nickname_set_at" = a.first_set
FROM (SELECT "actor_id", min("created_at") AS first_set FROM "audit_log" WHERE "action" = 'user.nickname_set' AND "actor_id" IS NOT NULL GROUP BY "actor_id") a
WHERE u."id" = a."actor_id";
