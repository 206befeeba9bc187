import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/admin/action-form";
import { AdminPage, adminMetadata, Section, type AdminPageProps } from "@/components/admin/admin-page";
import { DataTable } from "@/components/admin/table";
import { Badge } from "@/components/ui/badge";
import { getDb } from "@/db";
import { currentOrNextTradingDay, kst, pickDay } from "@/lib/admin/days";
import { requireAdminPage } from "@/lib/auth/pages";
import { appClock } from "@/lib/clock";
import { recentSessions } from "@/lib/sessions/queries";
import { sessionAction } from "./actions";
import { adminLabels } from "@/components/admin/labels";

export const generateMetadata = adminMetadata("admin.sessions");

export default async function AdminSessionsPage({ searchParams }: AdminPageProps) {
  await requireAdminPage("/admin/sessions");
  const day = pickDay((await searchParams).day, currentOrNextTradingDay(appClock.now()));
  const sessions = await recentSessions(await getDb(), { limit: 30 });
  const t = await getTranslations("admin.sessions");
  const label = await adminLabels();
  const tc = await getTranslations("admin.common");

  return (
    <AdminPage current="sessions" title={t("title")}>
      <Section title={t("change")} hint={t("hint")}>
        <ActionForm
          action={sessionAction}
          testId="session-form"
          submitLabel={t("apply")}
          summaryKeys={["tradingDay", "phase", "opened", "changed", "universeSeeded"]}
          fields={[
            { name: "day", label: tc("day"), kind: "date", defaultValue: day },
            {
              name: "action",
              label: t("action"),
              kind: "select",
              options: [
                { value: "open", label: t("open") },
                { value: "close", label: t("close") },
              ],
            },
          ]}
        />
      </Section>
      <Section title={t("recent")} data-testid="sessions-list">
        <DataTable
          rows={sessions}
          columns={[
            { head: tc("day"), cell: (s) => s.tradingDay, className: "font-mono" },
            {
              head: t("phase"),
              cell: (s) => (
                <Badge tone={s.phase === "OPEN" ? "open" : s.phase === "SETTLED" ? "neutral" : "warn"}>
                  {label(`phase.${s.phase}`, s.phase)}
                </Badge>
              ),
            },
            { head: t("opensAt"), cell: (s) => kst(s.opensAt), className: "text-xs" },
            { head: t("closesAt"), cell: (s) => kst(s.closesAt), className: "text-xs" },
            { head: t("closedAt"), cell: (s) => kst(s.closedAt), className: "text-xs" },
            { head: t("settledAt"), cell: (s) => kst(s.settledAt), className: "text-xs" },
          ]}
        />
      </Section>
    </AdminPage>
  );
}
