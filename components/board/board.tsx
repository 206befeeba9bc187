"use client";

import { Search } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { lazy, Suspense, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { toast } from "../ui/toast";
import {
  cancelCallAction,
  changeCallAction,
  completeAdAction,
  startAdAction,
  submitCallAction,
} from "@/app/(play)/actions";
import type { Board as BoardData, BoardPatch } from "@/lib/board/types";
import type { ActionResult } from "@/lib/http/action-result";
import type { Locale } from "@/lib/i18n/config";
import type { UpDown } from "@/lib/i18n/updown";
import { dayLabel } from "@/lib/i18n/kst-format";
import { useServerNow } from "../server-time";
import { useMounted } from "../use-mounted";
import { Badge } from "../ui/badge";
import { cn } from "../ui/cn";
import { useEarlyInput } from "../ui/use-early-input";
import type { RunningAd } from "./ad-panel";
import { applyIntent, applyPatch, cardOf, type Intent } from "./cache";
import { CardSync, type Step } from "./card-sync";
import { BoardStore } from "./board-store";
import { LastResults } from "./last-results";
import { MyCallsContext } from "./my-calls";
import { SessionBar } from "./session-bar";
import { BoardToolbar, arrange, type Filter, type Sort, type View } from "./toolbar";
import { SymbolCard, type CardMode } from "./symbol-card";

export const SESSION_SEEN_COOKIE = "OX_SESSION_SEEN";

// Loaded when needed, not with the board: the ad when one starts, the list view when chosen,
// the large session card only until the player has seen it.
// Loaded when first shown (React.lazy: next/dynamic would add its own runtime to the board's bundle).
const AdPanel = lazy(() => import("./ad-panel").then((m) => ({ default: m.AdPanel })));
const SymbolRow = lazy(() => import("./symbol-row").then((m) => ({ default: m.SymbolRow })));
const SessionStatusCard = lazy(() =>
  import("../session-status-card").then((m) => ({ default: m.SessionStatusCard })),
);

/** Unwrap an action result, or throw its message so the card rolls back and says why. */
async function unwrap<T>(p: Promise<ActionResult<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw Object.assign(new Error(r.message), { code: r.code });
  return r.data;
}

function send(step: Step): Promise<BoardPatch> {
  if (step.kind === "submit") return unwrap(submitCallAction({ symbol: step.symbol, choice: step.choice }));
  if (step.kind === "change") return unwrap(changeCallAction({ id: step.id, choice: step.choice }));
  return unwrap(cancelCallAction({ id: step.id }));
}

/**
 * The board. Mutations are server actions whose answers (the card, the slots) are applied to
 * the cached board; the whole board is read again only on its interval, after a refusal, or
 * when the cutoff passes. Calls lock at 23:59:00 by the server's clock the page carries,
 * without waiting for that read. `barExtras`: small widgets for the sticky bar.
 */
export function Board({
  initial,
  signedIn,
  showIntro,
  upDown,
  barExtras,
}: {
  /** The player's up/down colours (cookie, else the language's convention). */
  upDown: UpDown;
  initial: BoardData;
  signedIn: boolean;
  /** The large session card, until the player has seen it for the board's day. */
  showIntro: boolean;
  barExtras?: ReactNode;
}) {
  const t = useTranslations("board");
  const locale = useLocale() as Locale;
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [{ store, sync }] = useState(() => {
    const store = new BoardStore(initial);
    const sync = new CardSync({
      run: send,
      apply: (patch) => store.update((b) => applyPatch(b, patch)),
      fail: (confirmed, e) => {
        store.update((b) => applyPatch(b, { card: confirmed }));
        toast.error(e instanceof Error ? e.message : String(e));
        store.refresh();
      },
      pendingChanged: (symbol, on) =>
        setPending((prev) => {
          const next = new Set(prev);
          if (on) next.add(symbol);
          else next.delete(symbol);
          return next;
        }),
    });
    store.isBusy = () => sync.busy;
    return { store, sync };
  });
  const data = useSyncExternalStore(store.subscribe, store.get, store.get);
  useEffect(() => store.poll(), [store]);
  const [filter, setFilter] = useState<Filter>("all");
  const [sort, setSort] = useState<Sort>("board");
  const [view, setView] = useState<View>("grid");
  const [search, setSearch] = useState("");
  // A search typed before the board hydrated filters it once React arrives.
  const searchField = useEarlyInput<HTMLInputElement>((el) => setSearch(el.value));
  const [ad, setAd] = useState<RunningAd | null>(null);
  const [intro, setIntro] = useState(showIntro);

  const now = useServerNow();
  const mounted = useMounted();
  const closesAt = data.session.closesAt ? Date.parse(data.session.closesAt) : null;
  const locked = closesAt !== null && now !== null && now >= closesAt;
  const open = data.interactive && !locked;
  // Past the cutoff, read the board again: the server has the closed session to show.
  useEffect(() => {
    if (locked && data.interactive) store.refresh();
  }, [locked, data.interactive, store]);

  /** Show the wish at once; the card's queue brings the server there, or rolls the card back. */
  function ask(symbol: string, intent: Intent) {
    const current = cardOf(store.get(), symbol);
    if (!current || locked) return;
    store.cancel();
    sync.request(current, intent);
    store.update((b) => applyIntent(b, symbol, intent));
  }

  const [adBusy, setAdBusy] = useState(false);
  const [claiming, setClaiming] = useState(false);
  async function startAd() {
    setAdBusy(true);
    try {
      setAd(await unwrap(startAdAction({})));
    } catch (e) {
      toast.error((e as Error).message);
    } finally {
      setAdBusy(false);
    }
  }
  async function claimAd(token: string) {
    setClaiming(true);
    try {
      const patch = await unwrap(completeAdAction({ token }));
      store.update((b) => applyPatch(b, patch));
      setAd(null);
      toast.success(t("ad.granted"));
    } catch (e) {
      toast.error((e as Error).message);
      store.refresh();
    } finally {
      setClaiming(false);
    }
  }

  const groups = useMemo(
    () => arrange(data.symbols, { filter, sort, search }),
    [data.symbols, filter, sort, search],
  );
  const calledCount = data.symbols.filter((s) => s.myCall).length;
  const mode: CardMode = !open ? "view" : signedIn ? "play" : "sign-in";
  const cardProps = (item: BoardData["symbols"][number]) => ({
    item,
    mode,
    pending: pending.has(item.symbol),
    onCall: (choice: "UP" | "DOWN") => ask(item.symbol, { kind: "call", choice }),
    onCancel: () => ask(item.symbol, { kind: "cancel" }),
  });

  function dismissIntro() {
    document.cookie = `${SESSION_SEEN_COOKIE}=${data.boardDay}; path=/; max-age=172800; samesite=lax`;
    setIntro(false);
  }

  return (
    // data-ready: set once the board is hydrated and its buttons answer (tests wait for it).
    <div className="flex flex-col gap-4" data-testid="board" data-ready={mounted ? "true" : "false"}>
      <SessionBar
        board={data}
        now={now}
        locked={locked}
        onWatchAd={signedIn ? () => void startAd() : undefined}
        adBusy={adBusy}
        extras={barExtras ? <MyCallsContext value={calledCount}>{barExtras}</MyCallsContext> : null}
      />
      {intro ? (
        <Suspense fallback={null}>
          <SessionStatusCard status={data.session} onDismiss={dismissIntro} />
        </Suspense>
      ) : null}

      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-lg font-bold">{t("title", { day: dayLabel(data.boardDay, locale) })}</h2>
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

      {!signedIn && open ? (
        <p className="flex flex-wrap items-center gap-x-2 rounded-xl bg-muted p-3 text-sm">
          <Link
            href="/signin?callbackUrl=%2F"
            className="font-semibold text-brand underline"
            data-testid="board-signin"
          >
            {t("signInLink")}
          </Link>
          <span className="text-muted">{t("signInHint")}</span>
        </p>
      ) : null}

      <BoardToolbar
        filter={filter}
        onFilter={setFilter}
        sort={sort}
        onSort={setSort}
        view={view}
        onView={setView}
        upDown={upDown}
        search={
          <label className="relative min-w-40 flex-1">
            <span className="sr-only">{t("search")}</span>
            <Search
              className="pointer-events-none absolute top-1/2 left-3 h-4 w-4 -translate-y-1/2 text-muted"
              aria-hidden
            />
            <input
              ref={searchField}
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder={t("search")}
              className="h-10 w-full rounded-xl border border-subtle bg-card pr-3 pl-9 text-sm"
            />
          </label>
        }
      />
      <p className="text-xs text-muted">{t("baselineNote")}</p>

      {groups.length === 0 ? (
        <p className="py-10 text-center text-sm text-muted">{t("empty")}</p>
      ) : (
        groups.map((g) => (
          <section key={g.sector ?? "all"} aria-label={g.sector ? t(`sectors.${g.sector}`) : undefined}>
            {g.sector ? (
              <h3 className="mb-2 text-sm font-semibold text-muted">
                {t("sectorHeading", { sector: t(`sectors.${g.sector}`), n: g.items.length })}
              </h3>
            ) : null}
            {view === "grid" ? (
              <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4" data-testid="board-grid">
                {g.items.map((item) => (
                  <SymbolCard key={item.symbol} settlesAt={data.settlesAt} {...cardProps(item)} />
                ))}
              </div>
            ) : (
              <ul className={cn("rounded-2xl border border-subtle bg-card px-3")} data-testid="board-list">
                <Suspense fallback={null}>
                  {g.items.map((item) => (
                    <SymbolRow key={item.symbol} {...cardProps(item)} />
                  ))}
                </Suspense>
              </ul>
            )}
          </section>
        ))
      )}

      {ad ? (
        <Suspense fallback={null}>
          <AdPanel
            ad={ad}
            busy={claiming}
            onClaim={() => void claimAd(ad.token)}
            onClose={() => setAd(null)}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
