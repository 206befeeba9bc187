"use client";

import { LayoutGrid, List } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import type { BoardSymbol } from "@/lib/board/types";
import { UPDOWN_CONVENTIONS, UPDOWN_COOKIE, type UpDown } from "@/lib/i18n/updown";
import { SECTORS, type Sector } from "@/lib/universe/sectors";
import { cn } from "../ui/cn";

export const FILTERS = ["all", "called", "open"] as const;
export type Filter = (typeof FILTERS)[number];
export const SORTS = ["board", "movers", "mine", "az", "sector"] as const;
export type Sort = (typeof SORTS)[number];
export type View = "grid" | "list";

/** The cards to show, in order; grouped by sector when sorted by sector. */
export function arrange(
  symbols: BoardSymbol[],
  opts: { filter: Filter; sort: Sort; search: string },
): Array<{ sector: Sector | null; items: BoardSymbol[] }> {
  const q = opts.search.trim().toUpperCase();
  const shown = symbols.filter(
    (s) =>
      (opts.filter === "all" || (opts.filter === "called" ? s.myCall !== null : s.myCall === null)) &&
      (!q || s.symbol.includes(q) || s.name.toUpperCase().includes(q)),
  );
  const sorted = [...shown];
  if (opts.sort === "movers")
    sorted.sort((a, b) => Math.abs(b.changePct ?? -1) - Math.abs(a.changePct ?? -1));
  else if (opts.sort === "mine") sorted.sort((a, b) => Number(b.myCall !== null) - Number(a.myCall !== null));
  else if (opts.sort === "az") sorted.sort((a, b) => a.symbol.localeCompare(b.symbol));
  if (opts.sort !== "sector") return sorted.length ? [{ sector: null, items: sorted }] : [];
  return SECTORS.map((sector) => ({ sector, items: sorted.filter((s) => s.sector === sector) })).filter(
    (g) => g.items.length > 0,
  );
}

const segment = (on: boolean) =>
  cn("rounded-lg px-3 py-1.5 text-sm font-medium", on ? "bg-brand text-white" : "text-muted hover:bg-muted");

/** Filter, search, sort, view and the up/down colours. */
export function BoardToolbar({
  filter,
  onFilter,
  sort,
  onSort,
  view,
  onView,
  search,
  upDown: initialUpDown,
}: {
  upDown: UpDown;
  filter: Filter;
  onFilter: (f: Filter) => void;
  sort: Sort;
  onSort: (s: Sort) => void;
  view: View;
  onView: (v: View) => void;
  search: ReactNode;
}) {
  const t = useTranslations("board");
  const [upDown, setUpDown] = useState<UpDown>(initialUpDown);
  function chooseColours(next: UpDown) {
    document.cookie = `${UPDOWN_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    document.documentElement.dataset.updown = next;
    setUpDown(next);
  }
  const select = "h-10 rounded-xl border border-subtle bg-card px-2 text-sm";
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <div role="group" aria-label={t("filter")} className="flex rounded-xl border border-subtle p-0.5">
          {FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              aria-pressed={filter === f}
              onClick={() => onFilter(f)}
              className={segment(filter === f)}
            >
              {t(`filters.${f}`)}
            </button>
          ))}
        </div>
        {search}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1.5 text-sm">
          <span className="text-muted">{t("sortLabel")}</span>
          <select
            value={sort}
            onChange={(e) => onSort(e.target.value as Sort)}
            className={select}
            data-testid="board-sort"
          >
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`sorts.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <div role="group" aria-label={t("viewLabel")} className="flex rounded-xl border border-subtle p-0.5">
          {(["grid", "list"] as const).map((v) => {
            const Icon = v === "grid" ? LayoutGrid : List;
            return (
              <button
                key={v}
                type="button"
                aria-pressed={view === v}
                onClick={() => onView(v)}
                className={cn(segment(view === v), "flex items-center gap-1")}
                data-testid={`view-${v}`}
              >
                <Icon className="h-4 w-4" aria-hidden />
                {t(`views.${v}`)}
              </button>
            );
          })}
        </div>
        <label className="ml-auto flex items-center gap-1.5 text-sm">
          <span className="text-muted">{t("upDownLabel")}</span>
          <select
            value={upDown}
            onChange={(e) => chooseColours(e.target.value as UpDown)}
            className={select}
            data-testid="updown-select"
          >
            {UPDOWN_CONVENTIONS.map((c) => (
              <option key={c} value={c}>
                {t(`upDown.${c}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
