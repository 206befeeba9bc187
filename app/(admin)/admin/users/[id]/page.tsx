import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AdminHeader } from "@/components/admin/admin-nav";
import { ApiForm } from "@/components/admin/api-form";
import { Empty, Stat, Table, Td } from "@/components/admin/table";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { kst } from "@/lib/admin/days";
import { userOverview } from "@/lib/admin/users";
import { requireAdminPage } from "@/lib/auth/pages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.users");
  return { title: t("overview"), robots: { index: false } };
}

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const admin = await requireAdminPage(`/admin/users/${id}`);
  const o = await userOverview(await getDb(), id);
  if (!o) notFound();
  const t = await getTranslations("admin.users");
  const tc = await getTranslations("admin.common");
  const self = admin.id === o.user.id;

  return (
    <div className="flex flex-col gap-5">
      <AdminHeader current="users" title={o.user.nickname}>
        <Badge tone={o.user.role === "admin" ? "warn" : "neutral"} data-testid="user-role">
          {o.user.role}
        </Badge>
      </AdminHeader>
      <Card className="flex flex-col gap-3" data-testid="user-overview">
        <CardTitle>{t("overview")}</CardTitle>
        <p className="font-mono text-xs break-all text-muted">
          {o.user.id} · {o.user.email ?? "—"} · {t("joined")} {kst(o.user.createdAt)}
        </p>
        <div className="flex flex-wrap gap-2">
          <Stat label={t("balance")} value={o.balance.toLocaleString("en-US")} testId="user-balance" />
          <Stat label={t("calls")} value={o.calls.total} />
          <Stat label={t("days")} value={o.calls.days} />
          <Stat label="CORRECT" value={o.calls.CORRECT} />
          <Stat label="INCORRECT" value={o.calls.INCORRECT} />
          <Stat label="VOID" value={o.calls.VOID} />
          <Stat label="PENDING" value={o.calls.PENDING} />
          <Stat label={t("redemptions")} value={o.redemptions.total} />
          <Stat label={t("spent")} value={o.redemptions.pointsSpent.toLocaleString("en-US")} />
        </div>
        <Link href={`/admin/points?user=${o.user.id}`} className="text-sm text-brand hover:underline" data-testid="user-adjust-link">
          {t("adjustPoints")}
        </Link>
      </Card>
      <div className="grid gap-4 lg:grid-cols-[1fr_2fr]">
        <Card className="flex flex-col gap-3">
          <CardTitle>{t("role")}</CardTitle>
          {self && <p className="text-sm text-muted">{t("selfHint")}</p>}
          <ApiForm
            endpoint={`/api/admin/users/${o.user.id}/role`}
            method="PUT"
            testId="user-role-form"
            submitLabel={t("setRole")}
            summaryKeys={["nickname", "role"]}
            fields={[{ name: "role", label: t("role"), kind: "select", defaultValue: o.user.role, options: [{ value: "player", label: "player" }, { value: "admin", label: "admin" }], wide: true }]}
          />
        </Card>
        <Card className="flex flex-col gap-3">
          <CardTitle>{t("ledger")}</CardTitle>
          {o.recentLedger.length === 0 ? (
            <Empty>{tc("none")}</Empty>
          ) : (
            <Table head={[t("when"), t("reason"), t("amount"), t("balanceAfter"), t("memo")]}>
              {o.recentLedger.map((e) => (
                <tr key={e.id}>
                  <Td className="text-xs">{kst(e.createdAt)}</Td>
                  <Td className="text-xs">{e.reason}</Td>
                  <Td className="tabular-nums">{e.amount > 0 ? `+${e.amount}` : e.amount}</Td>
                  <Td className="tabular-nums">{e.balanceAfter}</Td>
                  <Td className="max-w-64 truncate text-xs">{e.memo ?? ""}</Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
      </div>
    </div>
  );
}
