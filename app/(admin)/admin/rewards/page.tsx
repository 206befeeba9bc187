import { ChevronLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { CreateItemForm } from "@/components/rewards/admin/create-item-form";
import { ItemRow } from "@/components/rewards/admin/item-row";
import { RedemptionRow } from "@/components/rewards/admin/redemption-row";
import { localized } from "@/components/rewards/types";
import { Card, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { getDb } from "@/db";
import { requireAdminPage } from "@/lib/auth/pages";
import { listCatalog, listRedemptionsForAdmin, REDEMPTION_STATUSES, rewardStats } from "@/lib/rewards";
import { addStockAction, createItemAction, markFailedAction, markIssuedAction, updateItemAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminRewards");
  return { title: t("title"), robots: { index: false } };
}

const FILTERS = [...REDEMPTION_STATUSES, "ALL"] as const;
const filterSchema = z.enum(FILTERS).catch("PENDING");
const cursorSchema = z.uuid().optional().catch(undefined);

/** Catalog, stock, the fulfilment queue and sales per item. Guarded here, not only by the proxy. */
export default async function AdminRewardsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdminPage("/admin/rewards");
  const params = await searchParams;
  const filter = filterSchema.parse(params.status ?? "PENDING");
  const cursor = cursorSchema.parse(params.cursor);
  const db = await getDb();
  const status = filter === "ALL" ? undefined : filter;
  const queue = await listRedemptionsForAdmin(db, { status, cursor, limit: 30, order: status === "PENDING" ? "oldest" : "newest" });
  const items = await listCatalog(db, { includeInactive: true });
  const stats = await rewardStats(db);
  const t = await getTranslations("adminRewards");
  const tStatus = await getTranslations("redemptions.status");
  const format = await getFormatter();
  const locale = await getLocale();
  const href = (s: string, c?: string) => `/admin/rewards?status=${s}${c ? `&cursor=${c}` : ""}`;

  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-5">
      <div className="flex items-center gap-2">
        <Link href="/admin" className="inline-flex items-center text-sm text-muted hover:underline">
          <ChevronLeft className="h-4 w-4" aria-hidden />
          {t("back")}
        </Link>
      </div>
      <h1 className="-mt-3 text-2xl font-extrabold tracking-tight" data-testid="admin-rewards-title">
        {t("title")}
      </h1>

      <Card className="flex flex-col gap-3" aria-labelledby="queue-title">
        <CardTitle id="queue-title">{t("queue")}</CardTitle>
        <nav aria-label={t("filter")} className="flex gap-1 overflow-x-auto pb-1">
          {FILTERS.map((f) => (
            <Link
              key={f}
              href={href(f)}
              aria-current={f === filter ? "page" : undefined}
              className={cn("rounded-lg px-3 py-1.5 text-sm font-medium whitespace-nowrap", f === filter ? "bg-brand text-white" : "bg-muted text-muted hover:opacity-80")}
              data-testid={`queue-filter-${f}`}
            >
              {f === "ALL" ? t("all") : tStatus(f)}
            </Link>
          ))}
        </nav>
        {queue.items.length === 0 ? (
          <p className="py-6 text-center text-sm text-muted">{t("queueEmpty")}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-[var(--border)]" data-testid="admin-queue">
            {queue.items.map((r) => (
              <RedemptionRow
                key={r.id}
                row={{ id: r.id, nickname: r.nickname, item: r.item, cost: r.cost, status: r.status, code: r.code, note: r.note, failureReason: r.failureReason, createdAt: r.createdAt.toISOString() }}
                actions={{ markIssued: markIssuedAction, markFailed: markFailedAction }}
              />
            ))}
          </ul>
        )}
        {cursor || queue.nextCursor ? (
          <div className="flex justify-between text-sm">
            {cursor ? <Link href={href(filter)} className="text-brand underline">{t("first")}</Link> : <span />}
            {queue.nextCursor ? <Link href={href(filter, queue.nextCursor)} className="text-brand underline">{t("older")}</Link> : null}
          </div>
        ) : null}
      </Card>

      <Card className="flex flex-col gap-3" aria-labelledby="items-title">
        <CardTitle id="items-title">{t("items")}</CardTitle>
        <ul className="flex flex-col divide-y divide-[var(--border)]" data-testid="admin-items">
          {items.map((i) => (
            <ItemRow
              key={i.sku}
              item={{ sku: i.sku, nameKo: i.nameKo, nameEn: i.nameEn, imageUrl: i.imageUrl, cost: i.cost, stock: i.stock, stockTotal: i.stockTotal, active: i.active }}
              actions={{ updateItem: updateItemAction, addStock: addStockAction }}
            />
          ))}
        </ul>
      </Card>
      <CreateItemForm createItem={createItemAction} />

      <Card className="flex flex-col gap-3" aria-labelledby="stats-title">
        <CardTitle id="stats-title">{t("stats")}</CardTitle>
        <div className="overflow-x-auto">
          <table className="w-full min-w-[40rem] text-sm tabular-nums" data-testid="admin-stats">
            <thead>
              <tr className="border-b border-subtle text-left text-xs text-muted">
                <th scope="col" className="py-2 pr-2 font-medium">{t("columns.item")}</th>
                <th scope="col" className="py-2 pr-2 text-right font-medium">{t("columns.stock")}</th>
                {(["redeemed", "pending", "issued", "failed", "cancelled", "points"] as const).map((k) => (
                  <th key={k} scope="col" className="py-2 pr-2 text-right font-medium">{t(`statsColumns.${k}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-[var(--border)]">
              {stats.map((s) => (
                <tr key={s.itemId} data-testid={`stats-${s.sku}`}>
                  <th scope="row" className="py-2 pr-2 text-left font-medium">
                    {localized(s, locale)} <span className="font-mono text-xs text-muted">{s.sku}</span>
                  </th>
                  <td className="py-2 pr-2 text-right">{t("stockOf", { stock: format.number(s.stock), total: format.number(s.stockTotal) })}</td>
                  {[s.redeemed, s.pending, s.issued, s.failed, s.cancelled, s.pointsSpent].map((n, i) => (
                    <td key={i} className="py-2 pr-2 text-right">{format.number(n)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
