"use client";

import { useTranslations } from "next-intl";
import type { SlotsJson } from "@/lib/board/types";
import { formatRemaining } from "../countdown";
import { useServerNow } from "../server-time";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";

/** Available slots as pips, the cooldown timer, and the way to earn more. */
export function SlotMeter({ slots, onWatchAd, adBusy }: { slots: SlotsJson; onWatchAd: () => void; adBusy: boolean }) {
  const t = useTranslations("board");
  const now = useServerNow();
  const refillIn = slots.nextRefillAt && now !== null ? Date.parse(slots.nextRefillAt) - now : null;
  return (
    <section aria-label={t("slots")} className="flex flex-wrap items-center gap-3 rounded-2xl border border-subtle bg-card p-3" data-testid="slot-meter">
      <div className="flex flex-col">
        <span className="text-xs text-muted">{t("slots")}</span>
        <span className="font-mono text-2xl font-bold tabular-nums" data-testid="slots-available">
          {slots.available}
        </span>
      </div>
      <div className="flex gap-1" aria-hidden>
        {Array.from({ length: Math.max(3, slots.available) }, (_, i) => (
          <span key={i} className={cn("h-3 w-3 rounded-full", i < slots.available ? "bg-brand" : "bg-muted ring-1 ring-[var(--border)]")} />
        ))}
      </div>
      <div className="min-w-32 flex-1 text-xs">
        {refillIn !== null ? (
          <span data-testid="refill-timer">
            {t("refillIn")} <span className="font-mono font-semibold tabular-nums">{formatRemaining(Math.max(0, refillIn), { d: "d", h: "h", m: "m", s: "s" })}</span>
          </span>
        ) : null}
        {slots.available === 0 ? (
          <p className="font-semibold" data-testid="no-slots">
            {t("noSlots")}
          </p>
        ) : null}
      </div>
      <Button variant="primary" size="sm" onClick={onWatchAd} disabled={adBusy || slots.adSlotsLeft === 0} data-testid="watch-ad">
        {t("watchAd", { left: slots.adSlotsLeft })}
      </Button>
    </section>
  );
}
