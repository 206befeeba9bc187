-- The points ledger is append-only: corrections are new entries, never edits.
CREATE OR REPLACE FUNCTION points_ledger_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'points_ledger is append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER points_ledger_append_only
  BEFORE UPDATE OR DELETE ON points_ledger
  FOR EACH ROW EXECUTE FUNCTION points_ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER points_ledger_no_truncate
  BEFORE TRUNCATE ON points_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION points_ledger_refuse_change();
