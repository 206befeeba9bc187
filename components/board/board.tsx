"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import type { Board as BoardData, BoardSymbol } from "@/lib/board/types";
import type { ActionResult } from "@/lib/http/action-result";
import { Badge } from "../ui/badge";
import { cn } from "../ui/cn";
import { AdPanel, type RunningAd } from "./ad-panel";
import { LastResults } from "./last-results";
import { SlotMeter } from "./slot-meter";
import { SymbolCard } from "./symbol-card";
import type { BoardActions } from "./types";

const FILTERS = ["all", "called", "open"] as const;
type Filter = (typeof FILTERS)[number];
const KEY = ["board"] as const;

async function fetchBoard(): Promise<BoardData> {
  const res = await fetch("/api/board", { cache: "no-store" });
  if (!res.ok) throw new Error(`board ${res.status}`);
  return res.json();
}

/** Unwrap an action result, or throw its message so the mutation rolls back and says why. */
async function unwrap<T>(p: Promise<ActionResult<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw Object.assign(new Error(r.message), { code: r.code });
  return r.data;
}

export function Board({ initial, actions, signedIn }: { initial: BoardData; actions: BoardActions; signedIn: boolean }) {
  const t = useTranslations("board");
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: KEY, queryFn: fetchBoard, initialData: initial, refetchInterval: 30_000 });
  const [filter, setFilter] = useState<Filter>("all");
  const [search, setSearch] = useState("");
  const [ad, setAd] = useState<RunningAd | null>(null);

  /** Optimistic edit of one card; rolled back when the server refuses. */
  function optimistic(symbol: string, edit: (s: BoardSymbol) => BoardSymbol) {
    const before = qc.getQueryData<BoardData>(KEY);
    qc.setQueryData<BoardData>(KEY, (b) => b && { ...b, symbols: b.symbols.map((s) => (s.symbol === symbol ? edit(s) : s)) });
    return { before };
  }
  const onError = (e: Error, _v: unknown, ctx?: { before?: BoardData }) => {
    if (ctx?.before) qc.setQueryData(KEY, ctx.before);
    toast.error(e.message);
  };
  const refresh = () => qc.invalidateQueries({ queryKey: KEY });

  const call = useMutation({
    mutationFn: async (v: { item: BoardSymbol; choice: "UP" | "DOWN" }): Promise<unknown> =>
      v.item.myCall?.status === "PENDING"
        ? unwrap(actions.changeCall({ id: v.item.myCall.id, choice: v.choice }))
        : unwrap(actions.submitCall({ symbol: v.item.symbol, choice: v.choice })),
    onMutate: ({ item, choice }) =>
      optimistic(item.symbol, (s) => ({
        ...s,
        myCall: s.myCall ? { ...s.myCall, choice } : { id: "pending", choice, status: "PENDING", snapshotPrice: s.price, snapshotAt: null, closePrice: null, voidReason: null, pointsAwarded: 0 },
      })),
    onError,
    onSettled: refresh,
  });
  const cancel = useMutation({
    mutationFn: (item: BoardSymbol) => unwrap(actions.cancelCall({ id: item.myCall!.id })),
    onMutate: (item) => optimistic(item.symbol, (s) => ({ ...s, myCall: null, crowd: null })),
    onError,
    onSettled: refresh,
  });
  const startAd = useMutation({
    mutationFn: () => unwrap(actions.startAd({})),
    onSuccess: (r) => setAd(r),
    onError: (e: Error) => toast.error(e.message),
  });
  const claimAd = useMutation({
    mutationFn: (token: string) => unwrap(actions.completeAd({ token })),
    onSuccess: () => {
      setAd(null);
      toast.success(t("ad.granted"));
    },
    onError: (e: Error) => toast.error(e.message),
    onSettled: refresh,
  });

  const visible = useMemo(() => {
    const q = search.trim().toUpperCase();
    return data.symbols.filter(
      (s) =>
        (filter === "all" || (filter === "called" ? s.myCall !== null : s.myCall === null)) &&
        (!q || s.symbol.includes(q) || s.name.toUpperCase().includes(q)),
    );
  }, [data.symbols, filter, search]);
  const calledCount = data.symbols.filter((s) => s.myCall).length;
  const busySymbol = call.isPending ? call.variables?.item.symbol : cancel.isPending ? cancel.variables?.symbol : undefined;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-lg font-bold">{t("title", { day: data.boardDay })}</h2>
        {data.simulated ? (
          <Badge tone="warn" data-testid="simulated-badge" title={data.priceSource}>
            {t("simulated")}
          </Badge>
        ) : null}
        <span className="ml-auto text-sm text-muted" data-testid="called-count">
          {t("calledCount", { called: calledCount, total: data.symbols.length })}
        </span>
      </div>

      {data.lastResults ? <LastResults results={data.lastResults} /> : null}

      {signedIn && data.slots && data.interactive ? (
        <SlotMeter slots={data.slots} onWatchAd={() => startAd.mutate()} adBusy={startAd.isPending} />
      ) : null}
      {!signedIn && data.interactive ? <p className="rounded-xl bg-muted p-3 text-sm">{t("signInToPlay")}</p> : null}

      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <div role="tablist" aria-label={t("filter")} className="flex rounded-xl border border-subtle p-0.5 text-sm">
          {FILTERS.map((f) => (
            <button
              key={f}
              role="tab"
              aria-selected={filter === f}
              onClick={() => setFilter(f)}
              className={cn("rounded-lg px-3 py-1.5 font-medium", filter === f ? "bg-brand text-white" : "text-muted hover:bg-muted")}
            >
              {t(`filters.${f}`)}
            </button>
          ))}
        </div>
        <label className="relative flex-1">
          <span className="sr-only">{t("search")}</span>
          <Search className="pointer-events-none absolute top-1/2 left-3 h-4 w-4 -translate-y-1/2 text-muted" aria-hidden />
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t("search")}
            className="h-10 w-full rounded-xl border border-subtle bg-card pr-3 pl-9 text-sm"
          />
        </label>
      </div>

      {visible.length === 0 ? (
        <p className="py-10 text-center text-sm text-muted">{t("empty")}</p>
      ) : (
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4" data-testid="board-grid">
          {visible.map((item) => (
            <SymbolCard
              key={item.symbol}
              item={item}
              interactive={signedIn && data.interactive}
              busy={busySymbol === item.symbol}
              onCall={(choice) => call.mutate({ item, choice })}
              onCancel={() => cancel.mutate(item)}
            />
          ))}
        </div>
      )}

      {ad ? <AdPanel ad={ad} busy={claimAd.isPending} onClaim={() => claimAd.mutate(ad.token)} onClose={() => setAd(null)} /> : null}
    </div>
  );
}
