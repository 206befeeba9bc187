import { getTranslations } from "next-intl/server";
import { ActionButton, ActionForm } from "@/components/admin/action-form";
import { AdminPage, adminMetadata, Section, type AdminPageProps } from "@/components/admin/admin-page";
import { DayPicker } from "@/components/admin/day-picker";
import { adminLabels } from "@/components/admin/labels";
import { Empty } from "@/components/admin/table";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db";
import { currentOrNextTradingDay, pickDay } from "@/lib/admin/days";
import { requireAdminPage } from "@/lib/auth/pages";
import { isTradingDay, nextTradingDay } from "@/lib/calendar";
import { appClock } from "@/lib/clock";
import { DEFAULT_SYMBOLS, getUniverse, UNIVERSE_RULES } from "@/lib/universe";
import { getUniversePolicy } from "@/lib/universe/policy";
import { setUniversePolicyAction, upsertUniverseAction } from "./actions";

export const generateMetadata = adminMetadata("admin.universe");

export default async function AdminUniversePage({ searchParams }: AdminPageProps) {
  await requireAdminPage("/admin/universe");
  const day = pickDay((await searchParams).day, currentOrNextTradingDay(appClock.now()));
  const trading = isTradingDay(day);
  const db = await getDb();
  const list = trading ? await getUniverse(db, day) : [];
  const policy = await getUniversePolicy(db);
  const t = await getTranslations("admin.universe");
  const label = await adminLabels();

  return (
    <AdminPage current="universe" title={t("title")} aside={<DayPicker action="/admin/universe" day={day} />}>
      {!trading ? (
        <Card data-testid="universe-not-trading">
          <p className="text-sm">{t("notTrading", { day, next: nextTradingDay(day) })}</p>
        </Card>
      ) : (
        <div className="grid gap-4 lg:grid-cols-[1fr_1.2fr]">
          <Section title={t("edit", { day })} hint={t("editHint")}>
            <ActionForm
              action={upsertUniverseAction}
              testId="universe-form"
              submitLabel={t("save")}
              summaryKeys={["added", "updated", "removed", "total", "voided"]}
              fields={[
                { name: "tradingDay", label: "", kind: "hidden", defaultValue: day },
                {
                  name: "symbols",
                  label: t("symbols"),
                  kind: "symbols",
                  optional: true,
                  defaultValue: list.map((u) => u.symbol).join(" "),
                  hint: t("symbolsHint"),
                },
                {
                  name: "confirmRemoval",
                  label: t("confirmRemoval"),
                  kind: "checkbox",
                  hint: t("confirmRemovalHint"),
                  wide: true,
                },
              ]}
            />
            <div className="border-t border-subtle pt-3">
              <ActionButton
                action={upsertUniverseAction}
                input={{ tradingDay: day }}
                label={t("useDefault", { count: DEFAULT_SYMBOLS.length })}
                testId="universe-default"
                summaryKeys={["added", "updated", "removed", "total"]}
              />
            </div>
          </Section>
          <Section
            title={
              <>
                {t("current")} <Badge>{list.length}</Badge>
              </>
            }
            data-testid="universe-list"
          >
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
          </Section>
        </div>
      )}
      <Section title={t("policy")} hint={t("policyHint")} data-testid="universe-policy">
        <ActionForm
          action={setUniversePolicyAction}
          testId="universe-policy-form"
          submitLabel={t("savePolicy")}
          fields={[
            {
              name: "rule",
              label: t("rule"),
              kind: "select",
              defaultValue: policy.rule,
              options: UNIVERSE_RULES.map((r) => ({ value: r, label: label(`universeRule.${r}`, r) })),
            },
            {
              name: "size",
              label: t("size"),
              kind: "number",
              defaultValue: String(policy.size),
              hint: t("sizeHint"),
            },
            {
              name: "pinned",
              label: t("pinned"),
              kind: "symbols",
              defaultValue: policy.pinned.join(" "),
              hint: t("pinnedHint"),
            },
            {
              name: "excluded",
              label: t("excluded"),
              kind: "symbols",
              defaultValue: policy.excluded.join(" "),
              hint: t("excludedHint"),
            },
          ]}
        />
      </Section>
    </AdminPage>
  );
}
