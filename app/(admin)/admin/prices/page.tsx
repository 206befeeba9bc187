import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/admin/action-form";
import { AdminPage, adminMetadata, Section, type AdminPageProps } from "@/components/admin/admin-page";
import { DayPicker } from "@/components/admin/day-picker";
import { DataTable, Stat, Stats } from "@/components/admin/table";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { getDb } from "@/db";
import { kst, lastFinalDay, pickDay, recentSince } from "@/lib/admin/days";
import { universeQuotes } from "@/lib/admin/operations";
import { priceValidation } from "@/lib/admin/prices";
import { requireAdminPage } from "@/lib/auth/pages";
import { appClock } from "@/lib/clock";
import { runsToFollow } from "@/lib/jobs";
import { appPriceProvider } from "@/lib/prices/app-provider";
import { backfillEodAction, collectEodAction, manualCloseAction } from "./actions";
import { adminLabels } from "@/components/admin/labels";

export const generateMetadata = adminMetadata("admin.prices");

export default async function AdminPricesPage({ searchParams }: AdminPageProps) {
  await requireAdminPage("/admin/prices");
  const now = appClock.now();
  const day = pickDay((await searchParams).day, lastFinalDay(now));
  const db = await getDb();
  const provider = appPriceProvider();
  const quotes = await universeQuotes(db, provider, now);
  const check = await priceValidation(db, day);
  const backfills = await runsToFollow(db, { jobs: ["backfill-eod"], finishedSince: recentSince(now) });
  const t = await getTranslations("admin.prices");
  const label = await adminLabels();
  const tc = await getTranslations("admin.common");
  const stale = quotes.rows.filter((q) => q.stale).length;
  const closeOf = (close: string | null) =>
    close ? Number(close).toFixed(2) : <Badge tone="down">{t("missingBadge")}</Badge>;

  return (
    <AdminPage
      current="prices"
      title={t("title")}
      aside={
        <Badge tone={provider.id === "simulated" ? "warn" : "neutral"} data-testid="price-provider">
          {provider.id === "simulated" ? t("simulated") : provider.id}
        </Badge>
      }
    >
      <div className="grid gap-4 lg:grid-cols-3">
        <Section title={t("collect")} hint={t("collectHint")}>
          <ActionForm
            action={collectEodAction}
            testId="eod-collect"
            submitLabel={t("collectRun")}
            summaryKeys={["tradingDay", "stored", "alreadyStored", "pending"]}
            fields={[{ name: "tradingDay", label: tc("day"), kind: "date", defaultValue: day, wide: true }]}
          />
        </Section>
        <Section title={t("backfill")} hint={t("backfillHint")}>
          <ActionForm
            action={backfillEodAction}
            testId="eod-backfill"
            submitLabel={t("backfillRun")}
            follow={backfills}
            fields={[
              { name: "from", label: t("from"), kind: "date", defaultValue: day },
              { name: "to", label: t("to"), kind: "date", defaultValue: day },
              { name: "symbols", label: t("symbolsOptional"), kind: "symbols", optional: true },
            ]}
          />
        </Section>
        <Section title={t("manual")} hint={t("manualHint")}>
          <ActionForm
            action={manualCloseAction}
            testId="eod-manual"
            submitLabel={t("manualSave")}
            summaryKeys={["tradingDay", "symbol", "close", "replaced"]}
            fields={[
              { name: "tradingDay", label: tc("day"), kind: "date", defaultValue: day },
              { name: "symbol", label: tc("symbol"), placeholder: "NVDA" },
              { name: "close", label: t("close"), kind: "text", placeholder: "123.45" },
              { name: "replace", label: t("replace"), kind: "checkbox" },
            ]}
          />
        </Section>
      </div>

      <Section
        title={t("validation", { day })}
        aside={<DayPicker action="/admin/prices" day={day} />}
        data-testid="price-validation"
      >
        <Stats>
          <Stat label={t("universe")} value={check.universe} />
          <Stat label={t("withClose")} value={check.withClose} tone="good" />
          <Stat
            label={t("missing")}
            value={check.missing}
            tone={check.missing ? "bad" : undefined}
            testId="validation-missing"
          />
        </Stats>
        <DataTable
          rows={check.rows}
          empty={t("noUniverse")}
          rowProps={(r) => ({
            className: cn(r.missing && "bg-red-50 dark:bg-red-950/30"),
            "data-testid": r.missing ? "validation-missing-row" : "validation-row",
          })}
          columns={[
            { head: tc("symbol"), cell: (r) => r.symbol, className: "font-mono font-semibold" },
            { head: t("close"), cell: (r) => closeOf(r.close), className: "tabular-nums" },
            {
              head: t("source"),
              cell: (r) =>
                r.source ? (
                  <Badge tone={r.source === "manual" ? "warn" : "neutral"}>
                    {label(`source.${r.source}`, r.source)}
                  </Badge>
                ) : (
                  "—"
                ),
            },
            { head: t("fetchedAt"), cell: (r) => kst(r.fetchedAt), className: "text-xs" },
            {
              head: t("setBy"),
              cell: (r) => (r.setBy ? r.setBy.slice(0, 8) : "—"),
              className: "font-mono text-xs",
            },
            { head: t("pendingCalls"), cell: (r) => r.pending, className: "tabular-nums" },
          ]}
        />
      </Section>

      <Section title={t("quotes", { day: quotes.tradingDay, stale })} data-testid="quotes">
        <DataTable
          rows={quotes.rows}
          empty={t("noUniverse")}
          columns={[
            { head: tc("symbol"), cell: (q) => q.symbol, className: "font-mono font-semibold" },
            { head: t("price"), cell: (q) => q.price?.toFixed(2) ?? "—", className: "tabular-nums" },
            {
              head: t("change"),
              cell: (q) =>
                q.changePct === null ? (
                  "—"
                ) : (
                  <span
                    className={cn(q.changePct > 0 && "text-up", q.changePct < 0 && "text-down")}
                  >{`${q.changePct.toFixed(2)}%`}</span>
                ),
              className: "tabular-nums",
            },
            { head: t("asOf"), cell: (q) => kst(q.asOf), className: "text-xs" },
            {
              head: t("market"),
              cell: (q) => (q.marketState ? label(`marketState.${q.marketState}`, q.marketState) : "—"),
              className: "text-xs",
            },
            {
              head: t("state"),
              cell: (q) =>
                q.stale ? (
                  <Badge tone="warn">
                    {t("stale")}
                    {q.reason ? ` · ${q.reason}` : ""}
                  </Badge>
                ) : (
                  <Badge tone="open">{t("fresh")}</Badge>
                ),
            },
          ]}
        />
      </Section>
    </AdminPage>
  );
}
