import { getTranslations } from "next-intl/server";
import { ActionButton, ActionForm } from "@/components/admin/action-form";
import { AdminPage, adminMetadata, Section, type AdminPageProps } from "@/components/admin/admin-page";
import { DayPicker } from "@/components/admin/day-picker";
import { DataTable, Stat, Stats } from "@/components/admin/table";
import { Badge } from "@/components/ui/badge";
import { getDb } from "@/db";
import { kst, lastFinalDay, pickDay, recentSince } from "@/lib/admin/days";
import { requireAdminPage } from "@/lib/auth/pages";
import { appClock } from "@/lib/clock";
import { runsToFollow } from "@/lib/jobs";
import { settlementSummary } from "@/lib/settlement";
import { settleDayAction, settleSymbolAction } from "./actions";
import { adminLabels } from "@/components/admin/labels";

export const generateMetadata = adminMetadata("admin.settlement");

const OUTCOMES = ["PENDING", "CORRECT", "INCORRECT", "VOID"] as const;

export default async function AdminSettlementPage({ searchParams }: AdminPageProps) {
  await requireAdminPage("/admin/settlement");
  const now = appClock.now();
  const day = pickDay((await searchParams).day, lastFinalDay(now));
  const db = await getDb();
  const s = await settlementSummary(db, { tradingDay: day });
  // The day's settlement runs (the console's and the EOD step's), running or just ended.
  const runs = await runsToFollow(db, {
    jobs: ["settle", "collect-eod"],
    businessKey: day,
    finishedSince: recentSince(now),
  });
  const t = await getTranslations("admin.settlement");
  const label = await adminLabels();
  const tc = await getTranslations("admin.common");
  const played = s.symbols.filter(
    (x) =>
      x.counts.PENDING + x.counts.CORRECT + x.counts.INCORRECT + x.counts.VOID + x.counts.CANCELLED > 0 ||
      x.close === null ||
      x.closeSource === "manual",
  );
  type Row = (typeof played)[number];

  return (
    <AdminPage
      current="settlement"
      title={t("title")}
      aside={<DayPicker action="/admin/settlement" day={day} />}
    >
      <div className="grid gap-4 lg:grid-cols-2">
        <Section title={t("run", { day })} hint={t("runHint")}>
          <ActionButton
            action={settleDayAction}
            input={{ tradingDay: day }}
            label={s.phase === null ? t("runDay") : t("rerun")}
            variant="primary"
            testId="settle-run"
            follow={runs}
          />
        </Section>
        <Section title={t("manual")} hint={t("manualHint")}>
          <ActionForm
            action={settleSymbolAction}
            testId="settle-symbol"
            submitLabel={t("manualRun")}
            summaryKeys={[
              "symbol",
              "close",
              "previousClose",
              "settled",
              "byStatus",
              "pointsAwarded",
              "complete",
            ]}
            fields={[
              { name: "tradingDay", label: "", kind: "hidden", defaultValue: day },
              { name: "symbol", label: tc("symbol"), placeholder: "NVDA" },
              { name: "close", label: t("close"), placeholder: "123.45" },
            ]}
          />
        </Section>
      </div>

      <Section title={t("summary", { day })} data-testid="settlement-summary">
        <Stats>
          <Stat
            label={t("phase")}
            value={s.phase ? label(`phase.${s.phase}`, s.phase) : "—"}
            testId="summary-phase"
          />
          <Stat label={t("settledAt")} value={<span className="text-sm">{kst(s.settledAt)}</span>} />
          {OUTCOMES.map((o) => (
            <Stat
              key={o}
              label={label(`outcome.${o}`, o)}
              value={s.counts[o]}
              tone={o === "PENDING" && s.counts.PENDING ? "bad" : undefined}
            />
          ))}
          <Stat label={t("pointsPaid")} value={s.pointsPaid} />
          <Stat
            label={t("ledgerPoints")}
            value={s.ledgerPoints}
            tone={s.ledgerPoints !== s.pointsPaid ? "bad" : "good"}
          />
        </Stats>
        {Object.keys(s.voidReasons).length > 0 && (
          <p className="text-sm text-muted">
            {t("voidReasons")}:{" "}
            {Object.entries(s.voidReasons)
              .map(([k, v]) => `${k} ${v}`)
              .join(" · ")}
          </p>
        )}
        <p className="text-xs text-muted">
          {t("symbolsShown", { shown: played.length, total: s.symbols.length })}
        </p>
        <DataTable
          rows={played}
          rowProps={(x) => ({ "data-testid": `summary-${x.symbol}` })}
          columns={[
            {
              head: tc("symbol"),
              cell: (x) => (
                <>
                  {x.symbol} {!x.inUniverse && <Badge tone="warn">{t("notInUniverse")}</Badge>}
                </>
              ),
              className: "font-mono font-semibold",
            },
            {
              head: t("close"),
              cell: (x) => (x.close ? Number(x.close).toFixed(2) : <Badge tone="down">{t("noClose")}</Badge>),
              className: "tabular-nums",
            },
            { head: t("source"), cell: (x) => x.closeSource ?? "—" },
            ...OUTCOMES.map((o) => ({ head: o, cell: (x: Row) => x.counts[o], className: "tabular-nums" })),
            { head: t("pointsPaid"), cell: (x) => x.pointsPaid, className: "tabular-nums" },
          ]}
        />
      </Section>
    </AdminPage>
  );
}
