import { desc } from "drizzle-orm";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AdminHeader } from "@/components/admin/admin-nav";
import { ApiForm } from "@/components/admin/api-form";
import { Empty, Table, Td } from "@/components/admin/table";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { tradingSessions } from "@/db/schema";
import { currentOrNextTradingDay, kst, pickDay } from "@/lib/admin/days";
import { requireAdminPage } from "@/lib/auth/pages";
import { appClock } from "@/lib/clock";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.sessions");
  return { title: t("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminSessionsPage({ searchParams }: Props) {
  await requireAdminPage("/admin/sessions");
  const day = pickDay((await searchParams).day, currentOrNextTradingDay(appClock.now()));
  const db = await getDb();
  const sessions = await db.select().from(tradingSessions).orderBy(desc(tradingSessions.tradingDay)).limit(30);
  const t = await getTranslations("admin.sessions");
  const tc = await getTranslations("admin.common");

  return (
    <div className="flex flex-col gap-5">
      <AdminHeader current="sessions" title={t("title")} />
      <Card className="flex flex-col gap-3">
        <CardTitle>{t("change")}</CardTitle>
        <p className="text-sm text-muted">{t("hint")}</p>
        <ApiForm
          endpoint="/api/admin/sessions/{day}"
          testId="session-form"
          submitLabel={t("apply")}
          summaryKeys={["tradingDay", "phase", "opened", "changed", "universeSeeded"]}
          fields={[
            { name: "day", label: tc("day"), kind: "date", inPath: true, defaultValue: day },
            { name: "action", label: t("action"), kind: "select", options: [{ value: "open", label: t("open") }, { value: "close", label: t("close") }] },
          ]}
        />
      </Card>
      <Card className="flex flex-col gap-3" data-testid="sessions-list">
        <CardTitle>{t("recent")}</CardTitle>
        {sessions.length === 0 ? (
          <Empty>{tc("none")}</Empty>
        ) : (
          <Table head={[tc("day"), t("phase"), t("opensAt"), t("closesAt"), t("closedAt"), t("settledAt")]}>
            {sessions.map((s) => (
              <tr key={s.tradingDay}>
                <Td className="font-mono">{s.tradingDay}</Td>
                <Td>
                  <Badge tone={s.phase === "OPEN" ? "open" : s.phase === "SETTLED" ? "neutral" : "warn"}>{s.phase}</Badge>
                </Td>
                <Td className="text-xs">{kst(s.opensAt)}</Td>
                <Td className="text-xs">{kst(s.closesAt)}</Td>
                <Td className="text-xs">{kst(s.closedAt)}</Td>
                <Td className="text-xs">{kst(s.settledAt)}</Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
