import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AdminHeader } from "@/components/admin/admin-nav";
import { Empty, Table, Td } from "@/components/admin/table";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db";
import { kst } from "@/lib/admin/days";
import { listAudit } from "@/lib/admin/logs";
import { requireAdminPage } from "@/lib/auth/pages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.audit");
  return { title: t("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminAuditPage({ searchParams }: Props) {
  await requireAdminPage("/admin/audit");
  const raw = (await searchParams).action;
  const action = typeof raw === "string" && raw ? raw.slice(0, 100) : undefined;
  const entries = await listAudit(await getDb(), { action, limit: 200 });
  const t = await getTranslations("admin.audit");

  return (
    <div className="flex flex-col gap-5">
      <AdminHeader current="audit" title={t("title")} />
      <Card className="flex flex-col gap-3">
        <form action="/admin/audit" method="get" className="flex gap-2">
          <input
            name="action"
            defaultValue={action ?? ""}
            placeholder={t("actionPlaceholder")}
            aria-label={t("action")}
            className="h-10 min-w-0 flex-1 rounded-lg border border-subtle bg-[var(--background)] px-3 font-mono text-sm"
            data-testid="audit-filter"
          />
          <Button type="submit" variant="outline">
            {t("filter")}
          </Button>
        </form>
        {entries.length === 0 ? (
          <Empty>{t("none")}</Empty>
        ) : (
          <Table head={[t("when"), t("actor"), t("action"), t("target"), t("details")]} data-testid="audit-entries">
            {entries.map((e) => (
              <tr key={e.id} data-testid="audit-row">
                <Td className="text-xs">{kst(e.createdAt)}</Td>
                <Td className="text-xs">{e.actorNickname ?? (e.actorId ? e.actorId.slice(0, 8) : t("system"))}</Td>
                <Td className="font-mono text-xs">{e.action}</Td>
                <Td className="font-mono text-xs">{e.target ?? "—"}</Td>
                <Td className="max-w-[28rem] font-mono text-xs whitespace-normal break-all">{JSON.stringify(e.details)}</Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
