"use client";

import { Minus, Plus } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { addStockAction, updateItemAction } from "@/app/(admin)/admin/rewards/actions";
import { useAdminAction } from "../../admin/use-admin-action";
import { Badge } from "../../ui/badge";
import { Button } from "../../ui/button";
import { useEarlyInput } from "../../ui/use-early-input";
import { RewardImage } from "../reward-image";
import { localized } from "../types";
import type { AdminItem } from "./types";

const input = "h-9 w-24 rounded-lg border border-subtle bg-[var(--background)] px-2 text-sm tabular-nums";

/** One catalog item: price, on-sale switch and stock moves, each saved on its own. */
export function ItemRow({ item }: { item: AdminItem }) {
  const t = useTranslations("adminRewards");
  const locale = useLocale();
  const format = useFormatter();
  const update = useAdminAction(updateItemAction);
  const stock = useAdminAction(addStockAction);
  const pending = update.pending || stock.pending;
  const [cost, setCost] = useState(String(item.cost));
  const [quantity, setQuantity] = useState("10");
  // Typed before the page hydrated: taken up once React arrives (the field showed it, state did not).
  const costField = useEarlyInput<HTMLInputElement>((el) => setCost(el.value));
  const quantityField = useEarlyInput<HTMLInputElement>((el) => setQuantity(el.value));
  const qty = Number(quantity);
  const qtyOk = Number.isInteger(qty) && qty > 0;
  const moveStock = (sign: 1 | -1) =>
    stock.run(
      { sku: item.sku, quantity: sign * qty },
      { success: (d) => t("stockChanged", { sku: d.sku, stock: d.stock }) },
    );

  return (
    <li
      data-testid={`admin-item-${item.sku}`}
      className="flex flex-col gap-3 py-3 lg:flex-row lg:items-center"
    >
      <div className="flex min-w-0 flex-1 items-center gap-3">
        <RewardImage src={item.imageUrl} alt="" sizes="64px" className="w-16 shrink-0" />
        <div className="min-w-0">
          <p className="truncate font-semibold">{localized(item, locale)}</p>
          <p className="flex items-center gap-2 font-mono text-xs text-muted">
            {item.sku}
            <Badge tone={item.active ? "open" : "closed"} data-testid="item-active">
              {item.active ? t("activeOn") : t("activeOff")}
            </Badge>
          </p>
        </div>
      </div>
      <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
        <form
          className="flex items-end gap-1.5"
          onSubmit={(e) => {
            e.preventDefault();
            update.run({ sku: item.sku, cost: Number(cost) }, { success: () => t("saved") });
          }}
        >
          <label className="flex flex-col gap-0.5 text-xs text-muted">
            {t("columns.cost")}
            <input
              className={input}
              inputMode="numeric"
              ref={costField}
              value={cost}
              onChange={(e) => setCost(e.target.value)}
              data-testid="item-cost"
            />
          </label>
          <Button
            type="submit"
            size="sm"
            variant="outline"
            className="h-9"
            disabled={pending || cost === String(item.cost)}
            data-testid="item-cost-save"
          >
            {t("save")}
          </Button>
        </form>
        <div className="flex items-end gap-1.5">
          <label className="flex w-32 flex-col gap-0.5 text-xs text-muted">
            <span className="whitespace-nowrap">
              {t("columns.stock")}{" "}
              <span className="font-semibold text-[var(--foreground)] tabular-nums" data-testid="item-stock">
                {t("stockOf", { stock: format.number(item.stock), total: format.number(item.stockTotal) })}
              </span>
            </span>
            <input
              className={input}
              inputMode="numeric"
              ref={quantityField}
              value={quantity}
              onChange={(e) => setQuantity(e.target.value)}
              aria-label={t("quantity")}
              data-testid="item-stock-qty"
            />
          </label>
          {(
            [
              [1, Plus, "addStock", "item-stock-add"],
              [-1, Minus, "removeStock", "item-stock-remove"],
            ] as const
          ).map(([sign, Icon, label, testId]) => (
            <Button
              key={testId}
              size="icon"
              variant="outline"
              aria-label={t(label)}
              disabled={pending || !qtyOk}
              onClick={() => moveStock(sign)}
              data-testid={testId}
            >
              <Icon className="h-4 w-4" />
            </Button>
          ))}
        </div>
        <Button
          size="sm"
          variant={item.active ? "ghost" : "primary"}
          className="h-9"
          disabled={pending}
          onClick={() => update.run({ sku: item.sku, active: !item.active }, { success: () => t("saved") })}
          data-testid="item-active-toggle"
        >
          {item.active ? t("deactivate") : t("activate")}
        </Button>
      </div>
    </li>
  );
}
