"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import type { BoardSymbol } from "@/lib/board/types";
import type { Locale } from "@/lib/i18n/config";
import { kstTime } from "@/lib/i18n/kst-format";
import { OxMark } from "../ox-mark";
import { Button, buttonVariants } from "../ui/button";
import { cn } from "../ui/cn";
import { directionOf, Sparkline } from "./sparkline";

export const fmtPrice = (n: number | null) =>
  n === null ? "—" : n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "+1.55%" / "−0.40%", its sign from the same comparison that colours the line. */
export function ChangeText({ item, className }: { item: BoardSymbol; className?: string }) {
  const t = useTranslations("board");
  const dir = directionOf(item.price, item.previousClose);
  const pct = item.changePct;
  return (
    <p
      data-testid="change"
      data-direction={dir === null ? "none" : dir > 0 ? "up" : dir < 0 ? "down" : "flat"}
      className={cn(
        "font-mono text-xs tabular-nums",
        dir === null || dir === 0 ? "text-muted" : dir > 0 ? "text-up" : "text-down",
        className,
      )}
    >
      {dir === null || pct === null
        ? t("noPrice")
        : `${dir > 0 ? "+" : dir < 0 ? "−" : ""}${Math.abs(pct).toFixed(2)}%`}
    </p>
  );
}

export type CardMode =
  /** Signed in and calls are open: O/X buttons. */
  | "play"
  /** Anonymous while calls are open: O/X lead to sign-in and back to this card. */
  | "sign-in"
  /** Nothing to press (closed, past the cutoff, or no session). */
  | "view";

export function SymbolCard({
  item,
  mode,
  pending: waiting,
  settlesAt,
  onCall,
  onCancel,
}: {
  item: BoardSymbol;
  mode: CardMode;
  /** The server has not answered for this card yet; the player may still correct the call. */
  pending: boolean;
  settlesAt: string;
  onCall: (choice: "UP" | "DOWN") => void;
  onCancel: () => void;
}) {
  const call = item.myCall;
  return (
    <article
      id={`card-${item.symbol}`}
      data-testid={`card-${item.symbol}`}
      data-called={call ? call.choice : "none"}
      data-pending={waiting}
      aria-busy={waiting}
      className={cn(
        "flex scroll-mt-32 flex-col gap-2 rounded-2xl border bg-card p-3 shadow-sm transition-colors target:ring-2 target:ring-[var(--ring)]",
        call?.choice === "UP" ? "border-up/60" : call?.choice === "DOWN" ? "border-down/60" : "border-subtle",
      )}
    >
      <header className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="font-mono text-base font-bold tracking-tight">{item.symbol}</h3>
          <p className="truncate text-xs text-muted" title={item.name}>
            {item.name}
          </p>
        </div>
        <div className="text-right">
          <p className="font-mono text-sm font-semibold tabular-nums" data-testid="price">
            {fmtPrice(item.price)}
          </p>
          <ChangeText item={item} />
        </div>
      </header>
      <Sparkline
        points={item.series}
        baseline={item.previousClose}
        snapshot={call?.snapshotPrice}
        className="h-8 w-full"
      />
      {call ? <CallBox item={item} waiting={waiting} settlesAt={settlesAt} /> : null}
      <CardActions item={item} mode={mode} onCall={onCall} onCancel={onCancel} />
    </article>
  );
}

/** The player's call: choice, status, their price, how it stands now, when it settles, the crowd. */
export function CallBox({
  item,
  waiting,
  settlesAt,
}: {
  item: BoardSymbol;
  waiting: boolean;
  settlesAt: string;
}) {
  const t = useTranslations("board");
  const locale = useLocale() as Locale;
  const call = item.myCall!;
  const live =
    call.status === "PENDING" && call.snapshotPrice !== null && item.price !== null
      ? Math.sign((item.price - call.snapshotPrice) * (call.choice === "UP" ? 1 : -1))
      : null;
  return (
    <div
      className={cn("flex flex-col gap-1 rounded-xl bg-muted p-2 text-xs", waiting && "animate-pulse")}
      data-testid="my-call"
    >
      <div className="flex items-center justify-between gap-1">
        <span className="flex items-center gap-1 font-semibold">
          <OxMark kind={call.choice === "UP" ? "O" : "X"} className="h-4 w-4" />
          {call.choice === "UP" ? t("calledUp") : t("calledDown")}
        </span>
        <span
          data-testid="call-status"
          className={cn(
            "font-semibold",
            call.status === "CORRECT" ? "text-win" : call.status === "INCORRECT" ? "text-miss" : "text-muted",
          )}
        >
          {t(`status.${call.status}`)}
          {call.pointsAwarded > 0 ? ` ${t("points", { points: call.pointsAwarded })}` : ""}
        </span>
      </div>
      <span className="text-muted">
        {t("snapshot")}:{" "}
        <span className="font-mono text-[var(--foreground)]">
          {call.snapshotPrice === null ? t("noSnapshot") : fmtPrice(call.snapshotPrice)}
        </span>
      </span>
      {live !== null ? (
        <span
          data-testid="live-outcome"
          data-outcome={live > 0 ? "right" : live < 0 ? "wrong" : "flat"}
          className={cn("font-semibold", live > 0 ? "text-win" : live < 0 ? "text-miss" : "text-muted")}
        >
          {live > 0 ? "● " : live < 0 ? "○ " : "◐ "}
          {t(live > 0 ? "currently.right" : live < 0 ? "currently.wrong" : "currently.flat")}
        </span>
      ) : null}
      {call.status === "PENDING" ? (
        <span className="text-muted" data-testid="settles-at">
          {t("settles", { time: kstTime(settlesAt, locale) })}
        </span>
      ) : null}
      {item.crowd ? (
        <div className="flex flex-col gap-0.5" data-testid="crowd">
          <div className="flex h-1.5 overflow-hidden rounded-full bg-down" aria-hidden>
            <div className="bg-up" style={{ width: `${item.crowd.upPct}%` }} />
          </div>
          <span className="text-muted">
            {t("crowdOthers", { n: item.crowd.others, up: item.crowd.upPct, down: item.crowd.downPct })}
          </span>
        </div>
      ) : null}
    </div>
  );
}

export function CardActions({
  item,
  mode,
  onCall,
  onCancel,
  compact,
}: {
  item: BoardSymbol;
  mode: CardMode;
  onCall: (choice: "UP" | "DOWN") => void;
  onCancel: () => void;
  compact?: boolean;
}) {
  const t = useTranslations("board");
  const call = item.myCall;
  if (mode === "view") return null;
  if (mode === "sign-in") {
    const href = `/signin?callbackUrl=${encodeURIComponent(`/#card-${item.symbol}`)}`;
    return (
      <div className={cn("grid grid-cols-2 gap-2", !compact && "mt-auto")}>
        {(["UP", "DOWN"] as const).map((choice) => (
          <Link
            key={choice}
            href={href}
            aria-label={t("signInToCall", { symbol: item.symbol, choice: choice === "UP" ? "O" : "X" })}
            className={buttonVariants({ variant: "outline", size: "sm" })}
          >
            <OxMark kind={choice === "UP" ? "O" : "X"} className="h-4 w-4" />{" "}
            {t(choice === "UP" ? "up" : "down")}
          </Link>
        ))}
      </div>
    );
  }
  const open = !call || call.status === "PENDING";
  if (!open) return null;
  return (
    <div className={cn("grid grid-cols-2 gap-2", !compact && "mt-auto")}>
      <Button
        variant={call?.choice === "UP" ? "up" : "outline"}
        size="sm"
        onClick={() => call?.choice !== "UP" && onCall("UP")}
        aria-label={t("callUpAria", { symbol: item.symbol })}
        aria-pressed={call?.choice === "UP"}
      >
        <OxMark kind="O" className={cn("h-4 w-4", call?.choice === "UP" && "text-white")} /> {t("up")}
      </Button>
      <Button
        variant={call?.choice === "DOWN" ? "down" : "outline"}
        size="sm"
        onClick={() => call?.choice !== "DOWN" && onCall("DOWN")}
        aria-label={t("callDownAria", { symbol: item.symbol })}
        aria-pressed={call?.choice === "DOWN"}
      >
        <OxMark kind="X" className={cn("h-4 w-4", call?.choice === "DOWN" && "text-white")} /> {t("down")}
      </Button>
      {call ? (
        <Button
          variant="ghost"
          size="sm"
          className="col-span-2 text-muted"
          onClick={onCancel}
          aria-label={t("cancelAria", { symbol: item.symbol })}
        >
          {t("cancel")}
        </Button>
      ) : null}
    </div>
  );
}
