import { Fragment } from "react";
import { getTranslations } from "next-intl/server";
import { AuditDetails } from "@/components/admin/audit-details";
import { AdminPage, adminMetadata, Section, type AdminPageProps } from "@/components/admin/admin-page";
import { FilterForm } from "@/components/admin/filter-form";
import { LongValue } from "@/components/admin/long-value";
import { DataTable } from "@/components/admin/table";
import { getDb } from "@/db";
import { kst } from "@/lib/admin/days";
import { listAudit } from "@/lib/admin/logs";
import { textParam } from "@/lib/admin/search-params";
import { requireAdminPage } from "@/lib/auth/pages";

export const generateMetadata = adminMetadata("admin.audit");

export default async function AdminAuditPage({ searchParams }: AdminPageProps) {
  await requireAdminPage("/admin/audit");
  const action = textParam((await searchParams).action, 100);
  const entries = await listAudit(await getDb(), { action, limit: 200 });
  const t = await getTranslations("admin.audit");

  return (
    <AdminPage current="audit" title={t("title")}>
      <Section>
        <FilterForm
          action="/admin/audit"
          submitLabel={t("filter")}
          fields={[
            {
              name: "action",
              label: t("action"),
              defaultValue: action ?? "",
              placeholder: t("actionPlaceholder"),
              testId: "audit-filter",
              grow: true,
              mono: true,
            },
          ]}
        />
        <DataTable
          rows={entries}
          empty={t("none")}
          data-testid="audit-entries"
          // Not at least its content's width: a long action name breaks after a dot instead of
          // pushing the details off the card (the other cells still keep to one line).
          className="min-w-0"
          rowProps={() => ({ "data-testid": "audit-row" })}
          columns={[
            // May wrap between date and time when the row needs the room (a long target and details at 1280 px).
            { head: t("when"), cell: (e) => kst(e.createdAt), className: "text-xs whitespace-normal" },
            {
              head: t("actor"),
              // A player's own name is theirs, not the interface's: never translated (nor checked for it).
              cell: (e) =>
                e.actorNickname ? (
                  <span translate="no">{e.actorNickname}</span>
                ) : e.actorId ? (
                  e.actorId.slice(0, 8)
                ) : (
                  t("system")
                ),
              className: "text-xs",
            },
            {
              head: t("action"),
              // May break after a dot: a long action name must not push the details off the card.
              cell: (e) =>
                e.action.split(".").map((part, i) => (
                  <Fragment key={i}>
                    {i > 0 && "."}
                    {i > 0 && <wbr />}
                    {part}
                  </Fragment>
                )),
              className: "font-mono text-xs whitespace-normal",
            },
            {
              head: t("target"),
              cell: (e) => (e.target ? <LongValue value={e.target} max="max-w-40" /> : "—"),
              className: "font-mono text-xs",
            },
            {
              head: t("details"),
              cell: (e) => <AuditDetails action={e.action} details={e.details} />,
              className: "text-xs whitespace-normal",
            },
          ]}
        />
      </Section>
    </AdminPage>
  );
}
