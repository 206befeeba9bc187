import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AdminHeader } from "@/components/admin/admin-nav";
import { ApiForm } from "@/components/admin/api-form";
import { Empty, Table, Td } from "@/components/admin/table";
import { Card, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { kst } from "@/lib/admin/days";
import { errorCounts, listErrors } from "@/lib/admin/logs";
import { requireAdminPage } from "@/lib/auth/pages";
import { appClock } from "@/lib/clock";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.errors");
  return { title: t("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const DAYS = 14;

export default async function AdminErrorsPage({ searchParams }: Props) {
  await requireAdminPage("/admin/errors");
  const raw = (await searchParams).kind;
  const kind = typeof raw === "string" && raw ? raw.slice(0, 200) : undefined;
  const db = await getDb();
  const counts = await errorCounts(db, { now: appClock.now(), days: DAYS });
  const recent = await listErrors(db, { kind, limit: 100 });
  const t = await getTranslations("admin.errors");
  const tc = await getTranslations("admin.common");

  return (
    <div className="flex flex-col gap-5">
      <AdminHeader current="errors" title={t("title")} />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="flex flex-col gap-3" data-testid="errors-by-day">
          <CardTitle>{t("byDay", { days: DAYS })}</CardTitle>
          {counts.byDay.length === 0 ? (
            <Empty>{t("none")}</Empty>
          ) : (
            <Table head={[tc("day"), t("count")]}>
              {counts.byDay.map((d) => (
                <tr key={d.day}>
                  <Td className="font-mono">{d.day}</Td>
                  <Td className="tabular-nums">{d.n}</Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
        <Card className="flex flex-col gap-3" data-testid="errors-by-kind">
          <CardTitle>{t("byKind", { days: DAYS })}</CardTitle>
          {counts.byKind.length === 0 ? (
            <Empty>{t("none")}</Empty>
          ) : (
            <Table head={[t("kind"), t("count"), t("last")]}>
              {counts.byKind.map((k) => (
                <tr key={k.kind}>
                  <Td>
                    <a href={`/admin/errors?kind=${encodeURIComponent(k.kind)}`} className="font-mono text-xs text-brand hover:underline">
                      {k.kind}
                    </a>
                  </Td>
                  <Td className="tabular-nums">{k.n}</Td>
                  <Td className="text-xs">{kst(k.lastAt)}</Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
        <Card className="flex flex-col gap-3">
          <CardTitle>{t("cleanup")}</CardTitle>
          <p className="text-sm text-muted">{t("cleanupHint")}</p>
          <ApiForm
            endpoint="/api/admin/errors/cleanup"
            testId="errors-cleanup"
            submitLabel={t("cleanupRun")}
            danger
            confirmText={t("cleanupConfirm")}
            summaryKeys={["deleted", "before"]}
            fields={[{ name: "olderThanDays", label: t("olderThan"), kind: "number", defaultValue: "30", wide: true }]}
          />
        </Card>
      </div>
      <Card className="flex flex-col gap-3" data-testid="errors-recent">
        <CardTitle>{kind ? t("recentOf", { kind }) : t("recent")}</CardTitle>
        {recent.length === 0 ? (
          <Empty>{t("none")}</Empty>
        ) : (
          <Table head={[t("when"), t("kind"), t("message"), t("context")]}>
            {recent.map((e) => (
              <tr key={e.id}>
                <Td className="text-xs">{kst(e.occurredAt)}</Td>
                <Td className="font-mono text-xs">{e.kind}</Td>
                <Td className="max-w-96 text-xs whitespace-normal break-words">{e.message}</Td>
                <Td className="max-w-72 truncate font-mono text-xs" title={JSON.stringify(e.context)}>
                  {JSON.stringify(e.context)}
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
