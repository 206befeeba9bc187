"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import type { LastResults as Results } from "@/lib/board/types";
import type { Locale } from "@/lib/i18n/config";
import { dayLabel } from "@/lib/i18n/kst-format";

/** The player's results of the trading day before the board's, at a glance (outcome colours). */
export function LastResults({ results }: { results: Results }) {
  const t = useTranslations("board.results");
  const locale = useLocale() as Locale;
  return (
    <Link
      href={`/me/predictions?day=${results.tradingDay}`}
      data-testid="last-results"
      className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-2xl border border-subtle bg-card p-3 text-sm hover:bg-muted"
    >
      <span className="font-semibold">{t("title", { day: dayLabel(results.tradingDay, locale) })}</span>
      <span className="font-semibold text-win">{t("correct", { n: results.correct })}</span>
      <span className="text-miss">{t("incorrect", { n: results.incorrect })}</span>
      {results.void ? <span className="text-muted">{t("void", { n: results.void })}</span> : null}
      {results.pending ? <span className="text-muted">{t("pending", { n: results.pending })}</span> : null}
      <span className="ml-auto font-bold text-win" data-testid="last-results-points">
        {t("points", { points: results.points })}
      </span>
    </Link>
  );
}
