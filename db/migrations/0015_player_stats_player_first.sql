DROP INDEX "player_stats_user_idx";--> statement-breakpoint
ALTER TABLE "player_stats" DROP CONSTRAINT "player_stats_period_period_start_user_id_pk";--> statement-breakpoint
ALTER TABLE "player_stats" ADD CONSTRAINT "player_stats_user_id_period_period_start_pk" PRIMARY KEY("user_id","period","period_start");