import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AdminHeader } from "@/components/admin/admin-nav";
import { ApiButton, ApiForm } from "@/components/admin/api-form";
import { Empty, Table, Td } from "@/components/admin/table";
import { Card, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { requireAdminPage } from "@/lib/auth/pages";
import { appClock } from "@/lib/clock";
import { pointsStats } from "@/lib/points";
import { LEDGER_REASONS } from "@/lib/points/constants";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.points");
  return { title: t("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const STATS_DAYS = 14;

export default async function AdminPointsPage({ searchParams }: Props) {
  await requireAdminPage("/admin/points");
  const user = (await searchParams).user;
  const now = appClock.now();
  const rows = await pointsStats(await getDb(), { from: new Date(now.getTime() - STATS_DAYS * 86_400_000), to: new Date(now.getTime() + 60_000) });
  const days = [...new Set(rows.map((r) => r.day))].sort().reverse();
  const cell = (day: string, reason: string) => rows.find((r) => r.day === day && r.reason === reason);
  const t = await getTranslations("admin.points");
  const tc = await getTranslations("admin.common");

  return (
    <div className="flex flex-col gap-5">
      <AdminHeader current="points" title={t("title")} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card className="flex flex-col gap-3">
          <CardTitle>{t("adjust")}</CardTitle>
          <p className="text-sm text-muted">{t("adjustHint")}</p>
          <ApiForm
            endpoint="/api/admin/points/adjust"
            testId="points-adjust"
            submitLabel={t("adjustRun")}
            idempotencyField="adjustmentId"
            summaryKeys={["created", "entry.amount", "entry.balanceAfter", "entry.refId"]}
            fields={[
              { name: "userId", label: t("player"), defaultValue: typeof user === "string" ? user : "", placeholder: "uuid", hint: t("playerHint"), wide: true },
              { name: "amount", label: t("amount"), kind: "number", placeholder: "-100 / 250" },
              { name: "reason", label: t("reason"), placeholder: t("reasonPlaceholder") },
            ]}
          />
        </Card>
        <Card className="flex flex-col gap-3">
          <CardTitle>{t("integrity")}</CardTitle>
          <p className="text-sm text-muted">{t("integrityHint")}</p>
          <ApiButton endpoint="/api/admin/integrity" label={t("integrityRun")} variant="primary" testId="integrity-run" summaryKeys={["ok", "problems"]} />
        </Card>
      </div>
      <Card className="flex flex-col gap-3" data-testid="points-stats">
        <CardTitle>{t("stats", { days: STATS_DAYS })}</CardTitle>
        {days.length === 0 ? (
          <Empty>{tc("none")}</Empty>
        ) : (
          <Table head={[tc("day"), ...LEDGER_REASONS, t("net")]}>
            {days.map((d) => (
              <tr key={d}>
                <Td className="font-mono">{d}</Td>
                {LEDGER_REASONS.map((r) => {
                  const c = cell(d, r);
                  return (
                    <Td key={r} className="tabular-nums">
                      {c ? `${c.total.toLocaleString("en-US")} (${c.entries})` : "—"}
                    </Td>
                  );
                })}
                <Td className="font-semibold tabular-nums">{rows.filter((r) => r.day === d).reduce((s, r) => s + r.total, 0).toLocaleString("en-US")}</Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
