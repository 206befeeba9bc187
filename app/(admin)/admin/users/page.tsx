import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AdminPage, adminMetadata, Section, type AdminPageProps } from "@/components/admin/admin-page";
import { adminLabels } from "@/components/admin/labels";
import { FilterForm } from "@/components/admin/filter-form";
import { DataTable } from "@/components/admin/table";
import { Badge } from "@/components/ui/badge";
import { getDb } from "@/db";
import { kst } from "@/lib/admin/days";
import { textParam } from "@/lib/admin/search-params";
import { searchUsers } from "@/lib/admin/users";
import { requireAdminPage } from "@/lib/auth/pages";

export const generateMetadata = adminMetadata("admin.users");

export default async function AdminUsersPage({ searchParams }: AdminPageProps) {
  await requireAdminPage("/admin/users");
  const q = textParam((await searchParams).q, 100) ?? "";
  const hits = await searchUsers(await getDb(), { q, limit: 50 });
  const t = await getTranslations("admin.users");
  const label = await adminLabels();

  return (
    <AdminPage current="users" title={t("title")}>
      <Section>
        <FilterForm
          action="/admin/users"
          role="search"
          submitLabel={t("search")}
          submitTestId="user-search-submit"
          fields={[
            {
              name: "q",
              label: t("search"),
              defaultValue: q,
              placeholder: t("searchPlaceholder"),
              testId: "user-search",
              grow: true,
            },
          ]}
        />
        <DataTable
          rows={hits}
          empty={t("noHits")}
          data-testid="user-hits"
          columns={[
            {
              head: t("nickname"),
              cell: (u) => (
                <Link
                  href={`/admin/users/${u.id}`}
                  className="font-semibold text-brand hover:underline"
                  data-testid="user-hit"
                  translate="no"
                >
                  {u.nickname}
                </Link>
              ),
            },
            { head: t("email"), cell: (u) => u.email ?? "—", className: "text-xs" },
            {
              head: t("role"),
              cell: (u) => (
                <Badge tone={u.role === "admin" ? "warn" : "neutral"}>
                  {label(`role.${u.role}`, u.role)}
                </Badge>
              ),
            },
            { head: t("balance"), cell: (u) => u.balance.toLocaleString("en-US"), className: "tabular-nums" },
            { head: t("joined"), cell: (u) => kst(u.createdAt), className: "text-xs" },
            { head: t("lastSignIn"), cell: (u) => kst(u.lastSignInAt), className: "text-xs" },
          ]}
        />
      </Section>
    </AdminPage>
  );
}
