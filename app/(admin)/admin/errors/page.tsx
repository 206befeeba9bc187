import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/admin/action-form";
import { AdminPage, adminMetadata, Section, type AdminPageProps } from "@/components/admin/admin-page";
import { DataTable } from "@/components/admin/table";
import { getDb } from "@/db";
import { kst } from "@/lib/admin/days";
import { errorCounts, listErrors } from "@/lib/admin/logs";
import { textParam } from "@/lib/admin/search-params";
import { requireAdminPage } from "@/lib/auth/pages";
import { appClock } from "@/lib/clock";
import { cleanupErrorsAction } from "./actions";

export const generateMetadata = adminMetadata("admin.errors");

const DAYS = 14;

export default async function AdminErrorsPage({ searchParams }: AdminPageProps) {
  await requireAdminPage("/admin/errors");
  const kind = textParam((await searchParams).kind, 200);
  const db = await getDb();
  const counts = await errorCounts(db, { now: appClock.now(), days: DAYS });
  const recent = await listErrors(db, { kind, limit: 100 });
  const t = await getTranslations("admin.errors");
  const tc = await getTranslations("admin.common");

  return (
    <AdminPage current="errors" title={t("title")}>
      <div className="grid gap-4 lg:grid-cols-3">
        <Section title={t("byDay", { days: DAYS })} data-testid="errors-by-day">
          <DataTable
            rows={counts.byDay}
            empty={t("none")}
            columns={[
              { head: tc("day"), cell: (d) => d.day, className: "font-mono" },
              { head: t("count"), cell: (d) => d.n, className: "tabular-nums" },
            ]}
          />
        </Section>
        <Section title={t("byKind", { days: DAYS })} data-testid="errors-by-kind">
          <DataTable
            rows={counts.byKind}
            empty={t("none")}
            columns={[
              {
                head: t("kind"),
                cell: (k) => (
                  <a
                    href={`/admin/errors?kind=${encodeURIComponent(k.kind)}`}
                    className="font-mono text-xs text-brand hover:underline"
                  >
                    {k.kind}
                  </a>
                ),
              },
              { head: t("count"), cell: (k) => k.n, className: "tabular-nums" },
              { head: t("last"), cell: (k) => kst(k.lastAt), className: "text-xs" },
            ]}
          />
        </Section>
        <Section title={t("cleanup")} hint={t("cleanupHint")}>
          <ActionForm
            action={cleanupErrorsAction}
            testId="errors-cleanup"
            submitLabel={t("cleanupRun")}
            danger
            confirmText={t("cleanupConfirm")}
            summaryKeys={["deleted", "before"]}
            fields={[
              {
                name: "olderThanDays",
                label: t("olderThan"),
                kind: "number",
                defaultValue: "30",
                wide: true,
              },
            ]}
          />
        </Section>
      </div>
      <Section title={kind ? t("recentOf", { kind }) : t("recent")} data-testid="errors-recent">
        <DataTable
          rows={recent}
          empty={t("none")}
          columns={[
            { head: t("when"), cell: (e) => kst(e.occurredAt), className: "text-xs" },
            { head: t("kind"), cell: (e) => e.kind, className: "font-mono text-xs" },
            {
              head: t("message"),
              cell: (e) => e.message,
              className: "max-w-96 text-xs whitespace-normal break-words",
            },
            {
              head: t("context"),
              cell: (e) => JSON.stringify(e.context),
              title: (e) => JSON.stringify(e.context),
              className: "max-w-72 truncate font-mono text-xs",
            },
          ]}
        />
      </Section>
    </AdminPage>
  );
}
