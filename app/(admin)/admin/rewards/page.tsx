import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminPage, adminMetadata, Section, type AdminPageProps } from "@/components/admin/admin-page";
import { DataTable, Empty } from "@/components/admin/table";
import { CreateItemForm } from "@/components/rewards/admin/create-item-form";
import { ItemRow } from "@/components/rewards/admin/item-row";
import { RedemptionRow } from "@/components/rewards/admin/redemption-row";
import { localized } from "@/components/rewards/types";
import { cn } from "@/components/ui/cn";
import { getDb } from "@/db";
import { requireAdminPage } from "@/lib/auth/pages";
import { listCatalog, listRedemptionsForAdmin, REDEMPTION_STATUSES, rewardStats } from "@/lib/rewards";

export const generateMetadata = adminMetadata("adminRewards");

const FILTERS = [...REDEMPTION_STATUSES, "ALL"] as const;
const filterSchema = z.enum(FILTERS).catch("PENDING");
const cursorSchema = z.uuid().optional().catch(undefined);
const STATS = ["redeemed", "pending", "issued", "failed", "cancelled", "points"] as const;
const STAT_FIELD = {
  redeemed: "redeemed",
  pending: "pending",
  issued: "issued",
  failed: "failed",
  cancelled: "cancelled",
  points: "pointsSpent",
} as const;

/** Catalog, stock, the fulfilment queue and sales per item. Guarded here, not only by the proxy. */
export default async function AdminRewardsPage({ searchParams }: AdminPageProps) {
  await requireAdminPage("/admin/rewards");
  const params = await searchParams;
  const filter = filterSchema.parse(params.status ?? "PENDING");
  const cursor = cursorSchema.parse(params.cursor);
  const db = await getDb();
  const status = filter === "ALL" ? undefined : filter;
  const queue = await listRedemptionsForAdmin(db, {
    status,
    cursor,
    limit: 30,
    order: status === "PENDING" ? "oldest" : "newest",
  });
  const items = await listCatalog(db, { includeInactive: true });
  const stats = await rewardStats(db);
  const t = await getTranslations("adminRewards");
  const tStatus = await getTranslations("redemptions.status");
  const format = await getFormatter();
  const locale = await getLocale();
  const href = (s: string, c?: string) => `/admin/rewards?status=${s}${c ? `&cursor=${c}` : ""}`;

  return (
    <AdminPage current="rewards" title={t("title")}>
      <Section title={t("queue")}>
        <nav aria-label={t("filter")} className="flex gap-1 overflow-x-auto pb-1">
          {FILTERS.map((f) => (
            <Link
              key={f}
              href={href(f)}
              aria-current={f === filter ? "page" : undefined}
              className={cn(
                "rounded-lg px-3 py-1.5 text-sm font-medium whitespace-nowrap",
                f === filter ? "bg-brand text-white" : "bg-muted text-muted hover:opacity-80",
              )}
              data-testid={`queue-filter-${f}`}
            >
              {f === "ALL" ? t("all") : tStatus(f)}
            </Link>
          ))}
        </nav>
        {queue.items.length === 0 ? (
          <Empty>{t("queueEmpty")}</Empty>
        ) : (
          <ul className="flex flex-col divide-y divide-[var(--border)]" data-testid="admin-queue">
            {queue.items.map((r) => (
              <RedemptionRow
                key={r.id}
                row={{
                  id: r.id,
                  nickname: r.nickname,
                  item: r.item,
                  cost: r.cost,
                  status: r.status,
                  code: r.code,
                  note: r.note,
                  failureReason: r.failureReason,
                  createdAt: r.createdAt.toISOString(),
                }}
              />
            ))}
          </ul>
        )}
        {cursor || queue.nextCursor ? (
          <div className="flex justify-between text-sm">
            {cursor ? (
              <Link href={href(filter)} className="text-brand underline">
                {t("first")}
              </Link>
            ) : (
              <span />
            )}
            {queue.nextCursor ? (
              <Link href={href(filter, queue.nextCursor)} className="text-brand underline">
                {t("older")}
              </Link>
            ) : null}
          </div>
        ) : null}
      </Section>

      <Section title={t("items")}>
        <ul className="flex flex-col divide-y divide-[var(--border)]" data-testid="admin-items">
          {items.map((i) => (
            <ItemRow
              key={i.sku}
              item={{
                sku: i.sku,
                nameKo: i.nameKo,
                nameEn: i.nameEn,
                imageUrl: i.imageUrl,
                cost: i.cost,
                stock: i.stock,
                stockTotal: i.stockTotal,
                active: i.active,
              }}
            />
          ))}
        </ul>
      </Section>
      <CreateItemForm />

      <Section title={t("stats")}>
        <DataTable
          rows={stats}
          data-testid="admin-stats"
          className="tabular-nums"
          rowProps={(s) => ({ "data-testid": `stats-${s.sku}` })}
          columns={[
            {
              head: t("columns.item"),
              // A set width, so a long name wraps instead of pushing the figures off the card.
              cell: (s) => (
                <div className="w-44 whitespace-normal">
                  {localized(s, locale)}{" "}
                  <span className="font-mono text-xs break-words text-muted">{s.sku}</span>
                </div>
              ),
              className: "font-medium whitespace-normal",
            },
            {
              // Figures and their headings on the right, one above the other.
              head: <span className="block text-right">{t("columns.stock")}</span>,
              cell: (s) =>
                t("stockOf", { stock: format.number(s.stock), total: format.number(s.stockTotal) }),
              className: "text-right",
            },
            ...STATS.map((k) => ({
              head: <span className="block text-right">{t(`statsColumns.${k}`)}</span>,
              cell: (s: (typeof stats)[number]) => format.number(s[STAT_FIELD[k]]),
              className: "text-right",
            })),
          ]}
        />
      </Section>
    </AdminPage>
  );
}
