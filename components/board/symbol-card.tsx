"use client";

import { useTranslations } from "next-intl";
import type { BoardSymbol } from "@/lib/board/types";
import { OxMark } from "../ox-mark";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Sparkline } from "./sparkline";

const fmtPrice = (n: number | null) => (n === null ? "—" : n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

export function SymbolCard({
  item,
  interactive,
  busy,
  onCall,
  onCancel,
}: {
  item: BoardSymbol;
  interactive: boolean;
  busy: boolean;
  onCall: (choice: "UP" | "DOWN") => void;
  onCancel: () => void;
}) {
  const t = useTranslations("board");
  const call = item.myCall;
  const pending = call?.status === "PENDING";
  const change = item.changePct;
  return (
    <article
      data-testid={`card-${item.symbol}`}
      data-called={call ? call.choice : "none"}
      className={cn(
        "flex flex-col gap-2 rounded-2xl border bg-card p-3 shadow-sm transition-colors",
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
          <p className={cn("font-mono text-xs tabular-nums", change === null ? "text-muted" : change >= 0 ? "text-up" : "text-down")}>
            {change === null ? t("noPrice") : `${change >= 0 ? "+" : ""}${change.toFixed(2)}%`}
          </p>
        </div>
      </header>
      <Sparkline points={item.series} className="h-8 w-full" />

      {call ? (
        <div className="flex flex-col gap-1 rounded-xl bg-muted p-2 text-xs" data-testid="my-call">
          <div className="flex items-center justify-between">
            <span className="flex items-center gap-1 font-semibold">
              <OxMark kind={call.choice === "UP" ? "O" : "X"} className="h-4 w-4" />
              {call.choice === "UP" ? t("calledUp") : t("calledDown")}
            </span>
            <span className="text-muted">{t(`status.${call.status}`)}</span>
          </div>
          <span className="text-muted">
            {t("snapshot")}: <span className="font-mono text-[var(--foreground)]">{call.snapshotPrice === null ? t("noSnapshot") : fmtPrice(call.snapshotPrice)}</span>
          </span>
          {item.crowd ? (
            <div className="flex flex-col gap-0.5" data-testid="crowd">
              <div className="flex h-1.5 overflow-hidden rounded-full bg-down/30">
                <div className="bg-up" style={{ width: `${item.crowd.upPct}%` }} />
              </div>
              <span className="text-muted">{t("crowd", { up: item.crowd.upPct, down: item.crowd.downPct })}</span>
            </div>
          ) : null}
        </div>
      ) : null}

      {interactive ? (
        <div className="mt-auto grid grid-cols-2 gap-2">
          {!call || pending ? (
            <>
              <Button
                variant={call?.choice === "UP" ? "up" : "outline"}
                size="sm"
                disabled={busy}
                onClick={() => call?.choice !== "UP" && onCall("UP")}
                aria-label={t("callUpAria", { symbol: item.symbol })}
                aria-pressed={call?.choice === "UP"}
              >
                <OxMark kind="O" className={cn("h-4 w-4", call?.choice === "UP" && "text-white")} /> {t("up")}
              </Button>
              <Button
                variant={call?.choice === "DOWN" ? "down" : "outline"}
                size="sm"
                disabled={busy}
                onClick={() => call?.choice !== "DOWN" && onCall("DOWN")}
                aria-label={t("callDownAria", { symbol: item.symbol })}
                aria-pressed={call?.choice === "DOWN"}
              >
                <OxMark kind="X" className={cn("h-4 w-4", call?.choice === "DOWN" && "text-white")} /> {t("down")}
              </Button>
            </>
          ) : null}
          {pending ? (
            <Button variant="ghost" size="sm" className="col-span-2 text-muted" disabled={busy} onClick={onCancel} aria-label={t("cancelAria", { symbol: item.symbol })}>
              {t("cancel")}
            </Button>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
