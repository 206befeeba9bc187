"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { Board } from "@/lib/board/types";

/** "Yesterday's results": the player's most recent settled day at a glance. */
export function LastResults({ results }: { results: NonNullable<Board["lastResults"]> }) {
  const t = useTranslations("board.results");
  return (
    <Link
      href={`/me/predictions?day=${results.tradingDay}`}
      data-testid="last-results"
      className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-2xl border border-subtle bg-card p-3 text-sm hover:bg-muted"
    >
      <span className="font-semibold">{t("title", { day: results.tradingDay })}</span>
      <span className="text-up">{t("correct", { n: results.correct })}</span>
      <span className="text-muted">{t("incorrect", { n: results.incorrect })}</span>
      {results.void ? <span className="text-muted">{t("void", { n: results.void })}</span> : null}
      {results.pending ? <span className="text-muted">{t("pending", { n: results.pending })}</span> : null}
      <span className="ml-auto font-bold text-up" data-testid="last-results-points">
        +{results.points}
      </span>
    </Link>
  );
}
