import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AdminHeader } from "@/components/admin/admin-nav";
import { ApiButton, ApiForm } from "@/components/admin/api-form";
import { DayPicker } from "@/components/admin/day-picker";
import { Empty, Stat, Table, Td } from "@/components/admin/table";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { kst, lastFinalDay, pickDay } from "@/lib/admin/days";
import { requireAdminPage } from "@/lib/auth/pages";
import { appClock } from "@/lib/clock";
import { settlementSummary } from "@/lib/settlement";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.settlement");
  return { title: t("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminSettlementPage({ searchParams }: Props) {
  await requireAdminPage("/admin/settlement");
  const day = pickDay((await searchParams).day, lastFinalDay(appClock.now()));
  const s = await settlementSummary(await getDb(), { tradingDay: day });
  const t = await getTranslations("admin.settlement");
  const tc = await getTranslations("admin.common");
  const played = s.symbols.filter((x) => x.counts.PENDING + x.counts.CORRECT + x.counts.INCORRECT + x.counts.VOID + x.counts.CANCELLED > 0 || x.close === null || x.closeSource === "manual");

  return (
    <div className="flex flex-col gap-5">
      <AdminHeader current="settlement" title={t("title")}>
        <DayPicker action="/admin/settlement" day={day} />
      </AdminHeader>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card className="flex flex-col gap-3">
          <CardTitle>{t("run", { day })}</CardTitle>
          <p className="text-sm text-muted">{t("runHint")}</p>
          <ApiButton
            endpoint={`/api/admin/settlement/${day}`}
            label={s.phase === null ? t("runDay") : t("rerun")}
            variant="primary"
            testId="settle-run"
            summaryKeys={["complete", "phase", "settled", "byStatus", "pointsAwarded", "pending", "waitingForClose"]}
          />
        </Card>
        <Card className="flex flex-col gap-3">
          <CardTitle>{t("manual")}</CardTitle>
          <p className="text-sm text-muted">{t("manualHint")}</p>
          <ApiForm
            endpoint={`/api/admin/settlement/${day}/symbol`}
            testId="settle-symbol"
            submitLabel={t("manualRun")}
            summaryKeys={["symbol", "close", "previousClose", "settled", "byStatus", "pointsAwarded", "complete"]}
            fields={[
              { name: "symbol", label: tc("symbol"), placeholder: "NVDA" },
              { name: "close", label: t("close"), placeholder: "123.45" },
            ]}
          />
        </Card>
      </div>

      <Card className="flex flex-col gap-3" data-testid="settlement-summary">
        <CardTitle>{t("summary", { day })}</CardTitle>
        <div className="flex flex-wrap gap-2">
          <Stat label={t("phase")} value={s.phase ?? "—"} testId="summary-phase" />
          <Stat label={t("settledAt")} value={<span className="text-sm">{kst(s.settledAt)}</span>} />
          <Stat label="PENDING" value={s.counts.PENDING} tone={s.counts.PENDING ? "bad" : undefined} />
          <Stat label="CORRECT" value={s.counts.CORRECT} />
          <Stat label="INCORRECT" value={s.counts.INCORRECT} />
          <Stat label="VOID" value={s.counts.VOID} />
          <Stat label={t("pointsPaid")} value={s.pointsPaid} />
          <Stat label={t("ledgerPoints")} value={s.ledgerPoints} tone={s.ledgerPoints !== s.pointsPaid ? "bad" : "good"} />
        </div>
        {Object.keys(s.voidReasons).length > 0 && (
          <p className="text-sm text-muted">
            {t("voidReasons")}: {Object.entries(s.voidReasons).map(([k, v]) => `${k} ${v}`).join(" · ")}
          </p>
        )}
        <p className="text-xs text-muted">{t("symbolsShown", { shown: played.length, total: s.symbols.length })}</p>
        {played.length === 0 ? (
          <Empty>{tc("none")}</Empty>
        ) : (
          <Table head={[tc("symbol"), t("close"), t("source"), "PENDING", "CORRECT", "INCORRECT", "VOID", t("pointsPaid")]}>
            {played.map((x) => (
              <tr key={x.symbol} data-testid={`summary-${x.symbol}`}>
                <Td className="font-mono font-semibold">
                  {x.symbol} {!x.inUniverse && <Badge tone="warn">{t("notInUniverse")}</Badge>}
                </Td>
                <Td className="tabular-nums">{x.close ? Number(x.close).toFixed(2) : <Badge tone="down">{t("noClose")}</Badge>}</Td>
                <Td>{x.closeSource ?? "—"}</Td>
                <Td className="tabular-nums">{x.counts.PENDING}</Td>
                <Td className="tabular-nums">{x.counts.CORRECT}</Td>
                <Td className="tabular-nums">{x.counts.INCORRECT}</Td>
                <Td className="tabular-nums">{x.counts.VOID}</Td>
                <Td className="tabular-nums">{x.pointsPaid}</Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
