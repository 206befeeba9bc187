"use client";

import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { RewardImage } from "./reward-image";
import { localized, localizedDescription, type ShopItem } from "./types";

export type CardState = "available" | "soldout" | "unaffordable" | "anonymous";

export function cardState(item: ShopItem, balance: number | null): CardState {
  if (item.soldOut || item.stock <= 0) return "soldout";
  if (balance === null) return "anonymous";
  return balance < item.cost ? "unaffordable" : "available";
}

/** One reward in the shop: picture, name, price, stock, and what the viewer can do about it. */
export function RewardCard({
  item,
  balance,
  onRedeem,
}: {
  item: ShopItem;
  balance: number | null;
  onRedeem: () => void;
}) {
  const t = useTranslations("rewards");
  const locale = useLocale();
  const format = useFormatter();
  const state = cardState(item, balance);
  const name = localized(item, locale);
  return (
    <article
      data-testid={`reward-${item.sku}`}
      data-state={state}
      className={cn(
        "flex flex-col gap-2 rounded-2xl border border-subtle bg-card p-2.5 shadow-sm sm:p-3",
        state === "soldout" && "opacity-80",
      )}
    >
      <div className="relative">
        <RewardImage
          src={item.imageUrl}
          alt=""
          sizes="(min-width: 1024px) 240px, (min-width: 640px) 30vw, 45vw"
          className={cn(state === "soldout" && "grayscale")}
        />
        {state === "soldout" ? (
          <Badge tone="closed" className="absolute top-2 left-2 shadow-sm" data-testid="sold-out">
            {t("soldOut")}
          </Badge>
        ) : null}
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-1 px-0.5">
        <h3 className="line-clamp-2 text-sm leading-snug font-bold break-keep sm:text-base">{name}</h3>
        <p className="line-clamp-2 text-xs break-keep text-muted">{localizedDescription(item, locale)}</p>
      </div>
      <div className="flex items-baseline justify-between gap-2 px-0.5">
        <span className="text-base font-extrabold tabular-nums" data-testid="reward-cost">
          {t("cost", { points: format.number(item.cost) })}
        </span>
        {state !== "soldout" ? (
          <span className="text-xs text-muted tabular-nums" data-testid="reward-stock">
            {t("stockLeft", { count: item.stock })}
          </span>
        ) : null}
      </div>
      {state === "anonymous" ? (
        <Button asChild variant="outline" size="sm" className="w-full">
          <Link href="/signin?callbackUrl=%2Frewards">{t("signInToRedeem")}</Link>
        </Button>
      ) : (
        <Button
          size="sm"
          className="h-auto min-h-9 w-full px-2 py-1.5 text-[13px] leading-tight break-keep whitespace-normal sm:text-sm"
          variant={state === "available" ? "primary" : "outline"}
          disabled={state !== "available"}
          onClick={onRedeem}
          aria-label={state === "available" ? `${t("redeem")}: ${name}` : undefined}
          data-testid="redeem"
        >
          {state === "soldout"
            ? t("soldOut")
            : state === "unaffordable"
              ? t("needMore", { points: format.number(item.cost - (balance ?? 0)) })
              : t("redeem")}
        </Button>
      )}
    </article>
  );
}
