import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AdminHeader } from "@/components/admin/admin-nav";
import { Empty, Table, Td } from "@/components/admin/table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db";
import { kst } from "@/lib/admin/days";
import { searchUsers } from "@/lib/admin/users";
import { requireAdminPage } from "@/lib/auth/pages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.users");
  return { title: t("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminUsersPage({ searchParams }: Props) {
  await requireAdminPage("/admin/users");
  const raw = (await searchParams).q;
  const q = typeof raw === "string" ? raw.slice(0, 100) : "";
  const hits = await searchUsers(await getDb(), { q, limit: 50 });
  const t = await getTranslations("admin.users");

  return (
    <div className="flex flex-col gap-5">
      <AdminHeader current="users" title={t("title")} />
      <Card className="flex flex-col gap-3">
        <form action="/admin/users" method="get" className="flex gap-2" role="search">
          <input
            name="q"
            defaultValue={q}
            placeholder={t("searchPlaceholder")}
            aria-label={t("search")}
            className="h-10 min-w-0 flex-1 rounded-lg border border-subtle bg-[var(--background)] px-3 text-sm"
            data-testid="user-search"
          />
          <Button type="submit" data-testid="user-search-submit">
            {t("search")}
          </Button>
        </form>
        {hits.length === 0 ? (
          <Empty>{t("noHits")}</Empty>
        ) : (
          <Table head={[t("nickname"), t("email"), t("role"), t("balance"), t("joined"), t("lastSignIn")]} data-testid="user-hits">
            {hits.map((u) => (
              <tr key={u.id}>
                <Td>
                  <Link href={`/admin/users/${u.id}`} className="font-semibold text-brand hover:underline" data-testid="user-hit">
                    {u.nickname}
                  </Link>
                </Td>
                <Td className="text-xs">{u.email ?? "—"}</Td>
                <Td>
                  <Badge tone={u.role === "admin" ? "warn" : "neutral"}>{u.role}</Badge>
                </Td>
                <Td className="tabular-nums">{u.balance.toLocaleString("en-US")}</Td>
                <Td className="text-xs">{kst(u.createdAt)}</Td>
                <Td className="text-xs">{kst(u.lastSignInAt)}</Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
