import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AdminHeader } from "@/components/admin/admin-nav";
import { ApiButton, ApiForm } from "@/components/admin/api-form";
import { DayPicker } from "@/components/admin/day-picker";
import { Empty } from "@/components/admin/table";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { currentOrNextTradingDay, pickDay } from "@/lib/admin/days";
import { requireAdminPage } from "@/lib/auth/pages";
import { isTradingDay, nextTradingDay } from "@/lib/calendar";
import { appClock } from "@/lib/clock";
import { DEFAULT_SYMBOLS, getUniverse } from "@/lib/universe";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.universe");
  return { title: t("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminUniversePage({ searchParams }: Props) {
  await requireAdminPage("/admin/universe");
  const day = pickDay((await searchParams).day, currentOrNextTradingDay(appClock.now()));
  const trading = isTradingDay(day);
  const list = trading ? await getUniverse(await getDb(), day) : [];
  const t = await getTranslations("admin.universe");

  return (
    <div className="flex flex-col gap-5">
      <AdminHeader current="universe" title={t("title")}>
        <DayPicker action="/admin/universe" day={day} />
      </AdminHeader>
      {!trading ? (
        <Card data-testid="universe-not-trading">
          <p className="text-sm">{t("notTrading", { day, next: nextTradingDay(day) })}</p>
        </Card>
      ) : (
        <div className="grid gap-4 lg:grid-cols-[1fr_1.2fr]">
          <Card className="flex flex-col gap-3">
            <CardTitle>{t("edit", { day })}</CardTitle>
            <p className="text-sm text-muted">{t("editHint")}</p>
            <ApiForm
              endpoint={`/api/admin/universe/${day}`}
              method="PUT"
              testId="universe-form"
              submitLabel={t("save")}
              summaryKeys={["added", "updated", "removed", "total"]}
              fields={[{ name: "symbols", label: t("symbols"), kind: "symbols", optional: true, defaultValue: list.map((u) => u.symbol).join(" "), hint: t("symbolsHint") }]}
            />
            <div className="border-t border-subtle pt-3">
              <ApiButton
                endpoint={`/api/admin/universe/${day}`}
                method="PUT"
                body={{}}
                label={t("useDefault", { count: DEFAULT_SYMBOLS.length })}
                testId="universe-default"
                summaryKeys={["added", "updated", "removed", "total"]}
              />
            </div>
          </Card>
          <Card className="flex flex-col gap-3" data-testid="universe-list">
            <CardTitle>
              {t("current")} <Badge>{list.length}</Badge>
            </CardTitle>
            {list.length === 0 ? (
              <Empty>{t("empty")}</Empty>
            ) : (
              <ol className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-3">
                {list.map((u) => (
                  <li key={u.symbol} className="flex min-w-0 gap-2">
                    <span className="w-7 shrink-0 text-right text-xs text-muted tabular-nums">{u.seq}</span>
                    <span className="font-mono font-semibold">{u.symbol}</span>
                    <span className="truncate text-xs text-muted">{u.name !== u.symbol ? u.name : ""}</span>
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </div>
      )}
    </div>
  );
}
