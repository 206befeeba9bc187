"use client";

import { Clock, Tv } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { Board } from "@/lib/board/types";
import type { Locale } from "@/lib/i18n/config";
import { kstTime } from "@/lib/i18n/kst-format";
import { formatRemaining } from "../countdown";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";

/**
 * The board's compact sticky bar: the countdown (to the cutoff, or to the next open), the
 * slots and the ad. `extras` is a slot for more small widgets (a streak, a daily goal): they
 * sit in a row of their own on phones and inline on wide screens, and should stay about as
 * tall as a button (h-8).
 */
export function SessionBar({
  board,
  now,
  locked,
  onWatchAd,
  adBusy,
  extras,
}: {
  board: Board;
  /** The server's clock (ms), null before hydration. */
  now: number | null;
  /** Past the cutoff by the server's clock, even before the board is read again. */
  locked: boolean;
  onWatchAd?: () => void;
  adBusy: boolean;
  extras?: ReactNode;
}) {
  const t = useTranslations("board.bar");
  const board0 = useTranslations("board");
  const units = useTranslations("session.units");
  const locale = useLocale() as Locale;
  const s = board.session;
  const open = s.acceptingPredictions && !locked && s.closesAt !== null;
  const target = open ? s.closesAt! : s.nextOpenAt;
  const remaining = now === null ? null : Date.parse(target) - now;
  const slots = board.slots;
  return (
    <section
      aria-label={t("label")}
      data-testid="session-bar"
      className="sticky top-14 z-20 -mx-4 border-b border-subtle bg-[var(--background)]/95 px-4 py-2 backdrop-blur"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <div className="flex min-w-0 items-center gap-2">
          <Clock className="h-4 w-4 shrink-0 text-muted" aria-hidden />
          <span className="text-xs text-muted">{open ? t("closesIn") : t("opensIn")}</span>
          <span
            className="font-mono text-lg font-bold tabular-nums"
            data-testid="bar-countdown"
            role="timer"
            aria-live="off"
          >
            {remaining === null
              ? "--:--:--"
              : formatRemaining(remaining, { d: units("d"), h: units("h"), m: units("m"), s: units("s") })}
          </span>
          {open ? (
            <span className="hidden text-xs text-muted sm:inline">
              {t("cutoff", { time: kstTime(s.closesAt!, locale) })}
            </span>
          ) : null}
        </div>
        {slots && open ? (
          <div className="ml-auto flex items-center gap-2" data-testid="slot-meter">
            <span className="sr-only" data-testid="slots-available-label">
              {t("slotsOf", { available: slots.available })}
            </span>
            <span className="flex items-center gap-1" aria-hidden>
              {Array.from({ length: Math.max(3, slots.available) }, (_, i) => (
                <span
                  key={i}
                  className={cn(
                    "h-2.5 w-2.5 rounded-full",
                    i < slots.available ? "bg-brand" : "bg-muted ring-1 ring-[var(--border)]",
                  )}
                />
              ))}
            </span>
            <span
              className="font-mono text-sm font-bold tabular-nums"
              data-testid="slots-available"
              aria-hidden
            >
              {slots.available}
            </span>
            {slots.available === 0 ? (
              <span className="text-xs font-semibold" data-testid="no-slots">
                {board0("noSlots")}
              </span>
            ) : null}
            {slots.nextRefillAt && now !== null ? (
              <span className="text-xs text-muted" data-testid="refill-timer">
                {board0("refillIn")}{" "}
                <span className="font-mono font-semibold tabular-nums">
                  {formatRemaining(Math.max(0, Date.parse(slots.nextRefillAt) - now), {
                    d: units("d"),
                    h: units("h"),
                    m: units("m"),
                    s: units("s"),
                  })}
                </span>
              </span>
            ) : null}
            {onWatchAd ? (
              <Button
                variant="outline"
                size="sm"
                // Stays focusable while the ad starts: focus comes back here when the ad closes.
                onClick={() => !adBusy && onWatchAd()}
                aria-disabled={adBusy || undefined}
                disabled={slots.adSlotsLeft === 0}
                aria-label={t("adAria", { left: slots.adSlotsLeft })}
                data-testid="watch-ad"
              >
                <Tv className="h-4 w-4" aria-hidden />
                {t("ad")}
              </Button>
            ) : null}
          </div>
        ) : (
          <span className={cn("ml-auto text-sm font-semibold", open ? "hidden" : "text-muted")}>
            {t("closed")}
          </span>
        )}
        {extras ? (
          <div className="flex w-full items-center gap-2 sm:w-auto" data-testid="bar-extras">
            {extras}
          </div>
        ) : null}
      </div>
    </section>
  );
}
