import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AdminHeader } from "@/components/admin/admin-nav";
import { ApiForm } from "@/components/admin/api-form";
import { DayPicker } from "@/components/admin/day-picker";
import { Empty, Stat, Table, Td } from "@/components/admin/table";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { getDb } from "@/db";
import { kst, lastFinalDay, pickDay } from "@/lib/admin/days";
import { universeQuotes } from "@/lib/admin/operations";
import { priceValidation } from "@/lib/admin/prices";
import { requireAdminPage } from "@/lib/auth/pages";
import { appClock } from "@/lib/clock";
import { appPriceProvider } from "@/lib/prices/app-provider";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.prices");
  return { title: t("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminPricesPage({ searchParams }: Props) {
  await requireAdminPage("/admin/prices");
  const now = appClock.now();
  const day = pickDay((await searchParams).day, lastFinalDay(now));
  const db = await getDb();
  const provider = appPriceProvider();
  const quotes = await universeQuotes(db, provider, now);
  const check = await priceValidation(db, day);
  const t = await getTranslations("admin.prices");
  const tc = await getTranslations("admin.common");
  const stale = quotes.rows.filter((q) => q.stale).length;

  return (
    <div className="flex flex-col gap-5">
      <AdminHeader current="prices" title={t("title")}>
        <Badge tone={provider.id === "simulated" ? "warn" : "neutral"} data-testid="price-provider">
          {provider.id === "simulated" ? t("simulated") : provider.id}
        </Badge>
      </AdminHeader>

      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="flex flex-col gap-3">
          <CardTitle>{t("collect")}</CardTitle>
          <p className="text-sm text-muted">{t("collectHint")}</p>
          <ApiForm
            endpoint="/api/admin/prices/eod/collect"
            testId="eod-collect"
            submitLabel={t("collectRun")}
            summaryKeys={["tradingDay", "stored", "alreadyStored", "pending"]}
            fields={[{ name: "tradingDay", label: tc("day"), kind: "date", defaultValue: day, wide: true }]}
          />
        </Card>
        <Card className="flex flex-col gap-3">
          <CardTitle>{t("backfill")}</CardTitle>
          <p className="text-sm text-muted">{t("backfillHint")}</p>
          <ApiForm
            endpoint="/api/admin/prices/eod/backfill"
            testId="eod-backfill"
            submitLabel={t("backfillRun")}
            summaryKeys={["days", "stored", "alreadyStored", "pending", "notFinal"]}
            fields={[
              { name: "from", label: t("from"), kind: "date", defaultValue: day },
              { name: "to", label: t("to"), kind: "date", defaultValue: day },
              { name: "symbols", label: t("symbolsOptional"), kind: "symbols", optional: true },
            ]}
          />
        </Card>
        <Card className="flex flex-col gap-3">
          <CardTitle>{t("manual")}</CardTitle>
          <p className="text-sm text-muted">{t("manualHint")}</p>
          <ApiForm
            endpoint="/api/admin/prices/eod/manual"
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
        </Card>
      </div>

      <Card className="flex flex-col gap-3" data-testid="price-validation">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <CardTitle>{t("validation", { day })}</CardTitle>
          <DayPicker action="/admin/prices" day={day} />
        </div>
        <div className="flex flex-wrap gap-2">
          <Stat label={t("universe")} value={check.universe} />
          <Stat label={t("withClose")} value={check.withClose} tone="good" />
          <Stat label={t("missing")} value={check.missing} tone={check.missing ? "bad" : undefined} testId="validation-missing" />
        </div>
        {check.rows.length === 0 ? (
          <Empty>{t("noUniverse")}</Empty>
        ) : (
          <Table head={[tc("symbol"), t("close"), t("source"), t("fetchedAt"), t("setBy"), t("pendingCalls")]}>
            {check.rows.map((r) => (
              <tr key={r.symbol} className={cn(r.missing && "bg-red-50 dark:bg-red-950/30")} data-testid={r.missing ? "validation-missing-row" : "validation-row"}>
                <Td className="font-mono font-semibold">{r.symbol}</Td>
                <Td className="tabular-nums">{r.close ? Number(r.close).toFixed(2) : <Badge tone="down">{t("missingBadge")}</Badge>}</Td>
                <Td>{r.source ? <Badge tone={r.source === "manual" ? "warn" : "neutral"}>{r.source}</Badge> : "—"}</Td>
                <Td className="text-xs">{kst(r.fetchedAt)}</Td>
                <Td className="font-mono text-xs">{r.setBy ? r.setBy.slice(0, 8) : "—"}</Td>
                <Td className="tabular-nums">{r.pending}</Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>

      <Card className="flex flex-col gap-3" data-testid="quotes">
        <CardTitle>{t("quotes", { day: quotes.tradingDay, stale })}</CardTitle>
        {quotes.rows.length === 0 ? (
          <Empty>{t("noUniverse")}</Empty>
        ) : (
          <Table head={[tc("symbol"), t("price"), t("change"), t("asOf"), t("market"), t("state")]}>
            {quotes.rows.map((q) => {
              const change = q.price !== null && q.previousClose ? ((q.price - q.previousClose) / q.previousClose) * 100 : null;
              return (
                <tr key={q.symbol}>
                  <Td className="font-mono font-semibold">{q.symbol}</Td>
                  <Td className="tabular-nums">{q.price?.toFixed(2) ?? "—"}</Td>
                  <Td className={cn("tabular-nums", change !== null && (change > 0 ? "text-up" : change < 0 ? "text-down" : ""))}>{change === null ? "—" : `${change.toFixed(2)}%`}</Td>
                  <Td className="text-xs">{kst(q.asOf)}</Td>
                  <Td className="text-xs">{q.marketState ?? "—"}</Td>
                  <Td>{q.stale ? <Badge tone="warn">{t("stale")}{q.reason ? ` · ${q.reason}` : ""}</Badge> : <Badge tone="open">{t("fresh")}</Badge>}</Td>
                </tr>
              );
            })}
          </Table>
        )}
      </Card>
    </div>
  );
}
