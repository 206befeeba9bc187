CREATE TABLE "price_ticks" (
	"symbol" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"price" numeric(18, 6) NOT NULL,
	CONSTRAINT "price_ticks_symbol_at_pk" PRIMARY KEY("symbol","at"),
	CONSTRAINT "price_ticks_price_positive" CHECK ("price_ticks"."price" > 0)
);
