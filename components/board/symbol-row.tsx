"use client";

import { useTranslations } from "next-intl";
import type { BoardSymbol } from "@/lib/board/types";
import { OxMark } from "../ox-mark";
import { cn } from "../ui/cn";
import { Sparkline } from "./sparkline";
import { CardActions, ChangeText, fmtPrice, type CardMode } from "./symbol-card";

/** The compact list view: one row per symbol, the same data and actions as its card. */
export function SymbolRow({
  item,
  mode,
  pending,
  onCall,
  onCancel,
}: {
  item: BoardSymbol;
  mode: CardMode;
  pending: boolean;
  onCall: (choice: "UP" | "DOWN") => void;
  onCancel: () => void;
}) {
  const t = useTranslations("board");
  const call = item.myCall;
  return (
    <li
      id={`card-${item.symbol}`}
      data-testid={`card-${item.symbol}`}
      data-called={call ? call.choice : "none"}
      data-pending={pending}
      aria-busy={pending}
      className="grid scroll-mt-32 grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-2 border-b border-subtle px-1 py-2 last:border-b-0 sm:grid-cols-[minmax(0,14rem)_5rem_minmax(0,1fr)_auto]"
    >
      <div className="flex min-w-0 items-center gap-2">
        {call ? (
          <OxMark
            kind={call.choice === "UP" ? "O" : "X"}
            className="h-4 w-4 shrink-0"
            title={t(call.choice === "UP" ? "calledUp" : "calledDown")}
          />
        ) : (
          <span className="h-4 w-4 shrink-0" aria-hidden />
        )}
        <div className="min-w-0">
          <h3 className="font-mono text-sm font-bold">{item.symbol}</h3>
          <p className="truncate text-xs text-muted">{item.name}</p>
        </div>
      </div>
      <div className="text-right sm:order-none">
        <p className="font-mono text-sm font-semibold tabular-nums" data-testid="price">
          {fmtPrice(item.price)}
        </p>
        <ChangeText item={item} />
      </div>
      <Sparkline
        points={item.series}
        baseline={item.previousClose}
        snapshot={call?.snapshotPrice}
        className={cn("hidden h-6 w-full sm:block")}
      />
      <div className="col-span-2 w-full sm:col-span-1 sm:w-44">
        <CardActions item={item} mode={mode} onCall={onCall} onCancel={onCancel} compact />
      </div>
    </li>
  );
}
