CREATE TABLE "metrics_days" (
	"trading_day" date PRIMARY KEY NOT NULL,
	"calls" jsonb NOT NULL,
	"players_with_call" integer NOT NULL,
	"new_players" integer NOT NULL,
	"points_issued" jsonb NOT NULL,
	"points_spent" bigint NOT NULL,
	"ads_completed" integer NOT NULL,
	"kept_at" timestamp with time zone NOT NULL
);
