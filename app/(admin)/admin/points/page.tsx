import { getTranslations } from "next-intl/server";
import { ActionButton, ActionForm } from "@/components/admin/action-form";
import { AdminPage, adminMetadata, Section, type AdminPageProps } from "@/components/admin/admin-page";
import { DataTable } from "@/components/admin/table";
import { getDb } from "@/db";
import { requireAdminPage } from "@/lib/auth/pages";
import { appClock } from "@/lib/clock";
import { pointsStats } from "@/lib/points";
import { LEDGER_REASONS } from "@/lib/points/constants";
import { adjustPointsAction, runIntegrityAction } from "./actions";
import { adminLabels } from "@/components/admin/labels";

export const generateMetadata = adminMetadata("admin.points");

const STATS_DAYS = 14;

export default async function AdminPointsPage({ searchParams }: AdminPageProps) {
  await requireAdminPage("/admin/points");
  const user = (await searchParams).user;
  const now = appClock.now();
  const rows = await pointsStats(await getDb(), {
    from: new Date(now.getTime() - STATS_DAYS * 86_400_000),
    to: new Date(now.getTime() + 60_000),
  });
  const days = [...new Set(rows.map((r) => r.day))].sort().reverse();
  const cell = (day: string, reason: string) => rows.find((r) => r.day === day && r.reason === reason);
  const t = await getTranslations("admin.points");
  const label = await adminLabels();
  const tc = await getTranslations("admin.common");

  return (
    <AdminPage current="points" title={t("title")}>
      <div className="grid gap-4 lg:grid-cols-2">
        <Section title={t("adjust")} hint={t("adjustHint")}>
          <ActionForm
            action={adjustPointsAction}
            testId="points-adjust"
            submitLabel={t("adjustRun")}
            idempotencyField="adjustmentId"
            summaryKeys={["created", "entry.amount", "entry.balanceAfter", "entry.refId"]}
            fields={[
              {
                name: "userId",
                label: t("player"),
                defaultValue: typeof user === "string" ? user : "",
                placeholder: t("playerPlaceholder"),
                hint: t("playerHint"),
                wide: true,
              },
              { name: "amount", label: t("amount"), kind: "number", placeholder: "-100 / 250" },
              { name: "reason", label: t("reason"), placeholder: t("reasonPlaceholder") },
            ]}
          />
        </Section>
        <Section title={t("integrity")} hint={t("integrityHint")}>
          <ActionButton
            action={runIntegrityAction}
            label={t("integrityRun")}
            variant="primary"
            testId="integrity-run"
            summaryKeys={["ok", "problems"]}
          />
        </Section>
      </div>
      <Section title={t("stats", { days: STATS_DAYS })} data-testid="points-stats">
        <DataTable
          rows={days}
          columns={[
            { head: tc("day"), cell: (d) => d, className: "font-mono" },
            ...LEDGER_REASONS.map((r) => ({
              head: label(`reason.${r}`, r),
              cell: (d: string) => {
                const c = cell(d, r);
                return c ? `${c.total.toLocaleString("en-US")} (${c.entries})` : "—";
              },
              className: "tabular-nums",
            })),
            {
              head: t("net"),
              cell: (d) =>
                rows
                  .filter((r) => r.day === d)
                  .reduce((s, r) => s + r.total, 0)
                  .toLocaleString("en-US"),
              className: "font-semibold tabular-nums",
            },
          ]}
        />
      </Section>
    </AdminPage>
  );
}
