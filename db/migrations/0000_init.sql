CREATE TYPE "public"."user_role" AS ENUM('player', 'admin');--> statement-breakpoint
CREATE TYPE "public"."ad_view_status" AS ENUM('STARTED', 'COMPLETED');--> statement-breakpoint
CREATE TYPE "public"."prediction_choice" AS ENUM('UP', 'DOWN');--> statement-breakpoint
CREATE TYPE "public"."prediction_status" AS ENUM('PENDING', 'CORRECT', 'INCORRECT', 'VOID', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."session_phase" AS ENUM('OPEN', 'CLOSED', 'SETTLING', 'SETTLED');--> statement-breakpoint
CREATE TYPE "public"."market_state" AS ENUM('PRE', 'OPEN', 'POST', 'CLOSED');--> statement-breakpoint
CREATE TYPE "public"."ledger_reason" AS ENUM('SIGNUP_BONUS', 'PREDICTION_CORRECT', 'REDEMPTION', 'REDEMPTION_REFUND', 'ADMIN_ADJUST');--> statement-breakpoint
CREATE TYPE "public"."redemption_status" AS ENUM('PENDING', 'ISSUED', 'FAILED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('RUNNING', 'SUCCEEDED', 'FAILED');--> statement-breakpoint
CREATE TABLE "accounts" (
	"provider" text NOT NULL,
	"provider_account_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"type" text DEFAULT 'oidc' NOT NULL,
	"email" text,
	"email_verified" boolean DEFAULT false NOT NULL,
	"provider_nickname" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_provider_provider_account_id_pk" PRIMARY KEY("provider","provider_account_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text,
	"email_verified" timestamp with time zone,
	"image" text,
	"nickname" text NOT NULL,
	"role" "user_role" DEFAULT 'player' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	CONSTRAINT "users_nickname_len" CHECK (char_length("users"."nickname") between 2 and 40)
);
--> statement-breakpoint
CREATE TABLE "ad_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"trading_day" date NOT NULL,
	"provider" text DEFAULT 'house' NOT NULL,
	"status" "ad_view_status" DEFAULT 'STARTED' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"eligible_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "ad_views_eligible_after_start" CHECK ("ad_views"."eligible_at" >= "ad_views"."started_at")
);
--> statement-breakpoint
CREATE TABLE "daily_slots" (
	"user_id" uuid NOT NULL,
	"trading_day" date NOT NULL,
	"available" integer DEFAULT 3 NOT NULL,
	"ad_slots" integer DEFAULT 0 NOT NULL,
	"refills" integer DEFAULT 0 NOT NULL,
	"cooldown_started_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "daily_slots_user_id_trading_day_pk" PRIMARY KEY("user_id","trading_day"),
	CONSTRAINT "daily_slots_available_range" CHECK ("daily_slots"."available" between 0 and 10),
	CONSTRAINT "daily_slots_ad_range" CHECK ("daily_slots"."ad_slots" between 0 and 7),
	CONSTRAINT "daily_slots_refills_nonneg" CHECK ("daily_slots"."refills" >= 0)
);
--> statement-breakpoint
CREATE TABLE "instruments" (
	"symbol" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"exchange" text,
	"currency" text DEFAULT 'USD' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "predictions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"trading_day" date NOT NULL,
	"symbol" text NOT NULL,
	"choice" "prediction_choice" NOT NULL,
	"status" "prediction_status" DEFAULT 'PENDING' NOT NULL,
	"snapshot_price" numeric(18, 6),
	"snapshot_at" timestamp with time zone,
	"snapshot_source" text,
	"close_price" numeric(18, 6),
	"void_reason" text,
	"points_awarded" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	CONSTRAINT "predictions_void_has_reason" CHECK (("predictions"."status" = 'VOID') = ("predictions"."void_reason" is not null)),
	CONSTRAINT "predictions_points_rule" CHECK ("predictions"."points_awarded" >= 0 and ("predictions"."points_awarded" = 0 or "predictions"."status" = 'CORRECT'))
);
--> statement-breakpoint
CREATE TABLE "trading_sessions" (
	"trading_day" date PRIMARY KEY NOT NULL,
	"phase" "session_phase" DEFAULT 'OPEN' NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"settling_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "universe_entries" (
	"trading_day" date NOT NULL,
	"symbol" text NOT NULL,
	"seq" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "universe_entries_trading_day_symbol_pk" PRIMARY KEY("trading_day","symbol"),
	CONSTRAINT "universe_seq_range" CHECK ("universe_entries"."seq" between 1 and 200),
	CONSTRAINT "universe_symbol_format" CHECK ("universe_entries"."symbol" ~ '^[A-Z][A-Z0-9.\-]{0,9}$')
);
--> statement-breakpoint
CREATE TABLE "eod_prices" (
	"trading_day" date NOT NULL,
	"symbol" text NOT NULL,
	"close" numeric(18, 6) NOT NULL,
	"source" text NOT NULL,
	"corporate_action" text,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"set_by" text,
	CONSTRAINT "eod_prices_trading_day_symbol_pk" PRIMARY KEY("trading_day","symbol"),
	CONSTRAINT "eod_prices_close_positive" CHECK ("eod_prices"."close" > 0)
);
--> statement-breakpoint
CREATE TABLE "quotes" (
	"symbol" text PRIMARY KEY NOT NULL,
	"price" numeric(18, 6) NOT NULL,
	"previous_close" numeric(18, 6),
	"market_state" "market_state" NOT NULL,
	"source" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "quotes_price_positive" CHECK ("quotes"."price" > 0)
);
--> statement-breakpoint
CREATE TABLE "points_balances" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"balance" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_balances_nonnegative" CHECK ("points_balances"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "points_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ref_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"reason" "ledger_reason" NOT NULL,
	"balance_after" integer NOT NULL,
	"memo" text,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_ledger_ref_uq" UNIQUE("ref_id"),
	CONSTRAINT "points_ledger_amount_nonzero" CHECK ("points_ledger"."amount" <> 0),
	CONSTRAINT "points_ledger_balance_nonnegative" CHECK ("points_ledger"."balance_after" >= 0)
);
--> statement-breakpoint
CREATE TABLE "redemptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"cost" integer NOT NULL,
	"status" "redemption_status" DEFAULT 'PENDING' NOT NULL,
	"request_key" text NOT NULL,
	"code" text,
	"note" text,
	"failure_reason" text,
	"handled_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "redemptions_cost_positive" CHECK ("redemptions"."cost" > 0)
);
--> statement-breakpoint
CREATE TABLE "reward_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sku" text NOT NULL,
	"name_ko" text NOT NULL,
	"name_en" text NOT NULL,
	"description_ko" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"image_url" text,
	"cost" integer NOT NULL,
	"stock" integer NOT NULL,
	"stock_total" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"vendor" text DEFAULT 'manual' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reward_items_sku_uq" UNIQUE("sku"),
	CONSTRAINT "reward_items_cost_positive" CHECK ("reward_items"."cost" > 0),
	CONSTRAINT "reward_items_stock_nonnegative" CHECK ("reward_items"."stock" >= 0),
	CONSTRAINT "reward_items_stock_within_total" CHECK ("reward_items"."stock" <= "reward_items"."stock_total"),
	CONSTRAINT "reward_items_sku_format" CHECK ("reward_items"."sku" ~ '^[A-Z0-9][A-Z0-9_-]{1,39}$')
);
--> statement-breakpoint
CREATE TABLE "admin_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"severity" text DEFAULT 'error' NOT NULL,
	"message" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" text,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "admin_alerts_dedupe_uq" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"target" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "error_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"context" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"user_id" uuid,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job" text NOT NULL,
	"business_key" text NOT NULL,
	"status" "job_status" DEFAULT 'RUNNING' NOT NULL,
	"trigger" text NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	"error" text,
	"result" jsonb
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_dedupe_uq" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limits_key_window_start_pk" PRIMARY KEY("key","window_start"),
	CONSTRAINT "rate_limits_count_nonneg" CHECK ("rate_limits"."count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_views" ADD CONSTRAINT "ad_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_slots" ADD CONSTRAINT "daily_slots_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_balances" ADD CONSTRAINT "points_balances_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_item_id_reward_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."reward_items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accounts_user_idx" ON "accounts" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_nickname_lower_uq" ON "users" USING btree (lower("nickname"));--> statement-breakpoint
CREATE INDEX "users_email_idx" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "ad_views_user_day_idx" ON "ad_views" USING btree ("user_id","trading_day");--> statement-breakpoint
CREATE UNIQUE INDEX "predictions_user_day_symbol_uq" ON "predictions" USING btree ("user_id","trading_day","symbol");--> statement-breakpoint
CREATE INDEX "predictions_day_status_idx" ON "predictions" USING btree ("trading_day","status");--> statement-breakpoint
CREATE INDEX "predictions_day_symbol_idx" ON "predictions" USING btree ("trading_day","symbol");--> statement-breakpoint
CREATE INDEX "universe_day_seq_idx" ON "universe_entries" USING btree ("trading_day","seq");--> statement-breakpoint
CREATE INDEX "eod_prices_symbol_idx" ON "eod_prices" USING btree ("symbol","trading_day");--> statement-breakpoint
CREATE INDEX "points_ledger_user_idx" ON "points_ledger" USING btree ("user_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "redemptions_user_request_uq" ON "redemptions" USING btree ("user_id","request_key");--> statement-breakpoint
CREATE INDEX "redemptions_user_idx" ON "redemptions" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "redemptions_status_idx" ON "redemptions" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "admin_alerts_created_idx" ON "admin_alerts" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","created_at");--> statement-breakpoint
CREATE INDEX "error_log_occurred_idx" ON "error_log" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "error_log_kind_idx" ON "error_log" USING btree ("kind","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_succeeded_uq" ON "job_runs" USING btree ("job","business_key") WHERE "job_runs"."status" = 'SUCCEEDED';--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_running_uq" ON "job_runs" USING btree ("job","business_key") WHERE "job_runs"."status" = 'RUNNING';--> statement-breakpoint
CREATE INDEX "job_runs_started_idx" ON "job_runs" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");