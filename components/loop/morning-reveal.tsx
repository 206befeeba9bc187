"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { markRevealSeenAction } from "@/app/(play)/me/loop/actions";
import type { DayResults } from "@/lib/loop/player";
import { Button } from "../ui/button";
import { Modal } from "../ui/modal";
import { cn } from "../ui/cn";
import { OUTCOME_CLASS, OUTCOME_MARK } from "./outcome";
import { ShareButtons } from "./share-buttons";

const STEP_MS = 900;

function reducedMotion(): boolean {
  return typeof window !== "undefined" && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/**
 * The morning reveal: the player's calls of the day resolve one by one (call, snapshot → close,
 * ✓/✗/void with the reason, points counting up), then the streak and rank. Skippable; with
 * reduced motion everything shows at once. Marked seen when shown, so it appears once per day.
 */
export function MorningReveal({ reveal }: { reveal: DayResults }) {
  const t = useTranslations("loop.reveal");
  const tv = useTranslations("myCalls.void");
  const format = useFormatter();
  const [open, setOpen] = useState(true);
  const [shown, setShown] = useState(() => (reducedMotion() ? reveal.calls.length : 0));
  const marked = useRef(false);
  const done = shown >= reveal.calls.length;

  useEffect(() => {
    if (marked.current) return;
    marked.current = true;
    void markRevealSeenAction({ day: reveal.day, rank: reveal.allTimeRank });
  }, [reveal.day, reveal.allTimeRank]);
  useEffect(() => {
    if (done || !open) return;
    const timer = setTimeout(() => setShown((n) => n + 1), STEP_MS);
    return () => clearTimeout(timer);
  }, [shown, done, open]);

  const points = reveal.calls.slice(0, shown).reduce((s, c) => s + c.points, 0);
  const price = (v: number | null) =>
    v === null ? t("noPrice") : format.number(v, { maximumFractionDigits: 2 });
  const date = `${Number(reveal.day.slice(5, 7))}/${Number(reveal.day.slice(8, 10))}`;
  const change =
    reveal.previousRank !== null && reveal.allTimeRank !== null
      ? reveal.previousRank - reveal.allTimeRank
      : null;

  return (
    <Modal
      open={open}
      onClose={() => setOpen(false)}
      labelledBy="morning-reveal-title"
      className="top-[8vh] mx-auto w-full max-w-md px-3"
    >
      <div
        className="flex max-h-[84vh] flex-col gap-3 overflow-y-auto rounded-2xl border border-subtle bg-card p-5 shadow-xl"
        data-testid="morning-reveal"
      >
        <h2 id="morning-reveal-title" className="text-lg font-extrabold">
          {t("title", { date })}
        </h2>
        <ol className="flex flex-col gap-2" aria-live="polite">
          {reveal.calls.slice(0, shown).map((c) => (
            <li
              key={c.symbol}
              className="flex items-center gap-3 rounded-xl bg-muted px-3 py-2 text-sm"
              data-testid="reveal-call"
              data-status={c.status}
            >
              <span className="w-14 font-bold">{c.symbol}</span>
              <span className="flex items-center gap-1">
                <span
                  aria-hidden
                  className={cn(
                    "inline-block h-2.5 w-2.5 rounded-full",
                    c.choice === "UP" ? "bg-up" : "bg-down",
                  )}
                />
                {c.choice === "UP" ? t("up") : t("down")}
              </span>
              <span className="tabular-nums text-muted">
                {t("snapshotToClose", { snapshot: price(c.snapshot), close: price(c.close) })}
              </span>
              <span className={cn("ml-auto font-semibold", OUTCOME_CLASS[c.status])}>
                <span aria-hidden>{OUTCOME_MARK[c.status]} </span>
                {c.status === "CORRECT"
                  ? t("correct")
                  : c.status === "INCORRECT"
                    ? t("incorrect")
                    : t("void")}
                {c.status === "VOID" && c.voidReason ? (
                  <Link href="/rules#void" className="ml-1 text-xs font-normal underline">
                    {tv.has(c.voidReason as "flat") ? tv(c.voidReason as "flat") : c.voidReason}
                  </Link>
                ) : null}
              </span>
            </li>
          ))}
        </ol>
        <p className="text-right text-2xl font-extrabold tabular-nums" data-testid="reveal-points">
          {t("points", { n: points })}
        </p>
        {done ? (
          <div className="flex flex-col gap-2 border-t border-subtle pt-3" data-testid="reveal-summary">
            <p className="font-semibold">
              {t("total", { correct: reveal.correct, settled: reveal.settled, points: reveal.points })}
            </p>
            <p data-testid="reveal-streak" data-before={reveal.streakBefore} data-after={reveal.streakAfter}>
              🔥{" "}
              {reveal.streakBefore > 0
                ? t("streak", { before: reveal.streakBefore, after: reveal.streakAfter })
                : t("streakStart", { after: reveal.streakAfter })}
            </p>
            <p className="flex flex-wrap gap-x-3 text-sm" data-testid="reveal-rank">
              {reveal.dayRank !== null ? <span>{t("dayRank", { rank: reveal.dayRank })}</span> : null}
              {reveal.allTimeRank !== null ? (
                <span>{t("allTimeRank", { rank: reveal.allTimeRank })}</span>
              ) : null}
              {change !== null ? (
                <span className="text-muted">
                  {change > 0
                    ? t("rankUp", { n: change })
                    : change < 0
                      ? t("rankDown", { n: -change })
                      : t("rankSame")}
                </span>
              ) : null}
            </p>
            <ShareButtons day={reveal.day} text={reveal.shareText} />
            <Link href="/leaderboard" className="text-sm underline">
              {t("leaderboard")}
            </Link>
          </div>
        ) : null}
        <div className="flex justify-end gap-2">
          {!done ? (
            <Button variant="outline" onClick={() => setShown(reveal.calls.length)} data-testid="reveal-skip">
              {t("skip")}
            </Button>
          ) : null}
          <Button
            variant={done ? "primary" : "ghost"}
            onClick={() => setOpen(false)}
            data-testid="reveal-close"
          >
            {t("close")}
          </Button>
        </div>
      </div>
    </Modal>
  );
}
