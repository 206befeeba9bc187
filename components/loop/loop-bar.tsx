"use client";

import { Flame, Snowflake } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMyCalls } from "@/components/board/my-calls";
import type { StreakSummary, TodayProgress } from "@/lib/loop/player";
import { GoalRing } from "./goal-ring";

/**
 * Streak badge and daily-goal ring. The ring follows the calls the board shows (a call made or
 * cancelled moves it at once, with no request of its own); the streak changes only with a
 * settled day, so the server's figure stands until the next page load.
 */
export function LoopBar({ initial }: { initial: { streak: StreakSummary; today: TodayProgress } }) {
  const t = useTranslations("loop.bar");
  const myCalls = useMyCalls();
  const streak = initial.streak;
  const today = { ...initial.today, calls: myCalls ?? initial.today.calls };
  return (
    <div
      className="flex flex-wrap items-center gap-3 rounded-2xl border border-subtle bg-card px-3 py-2 text-sm"
      data-testid="loop-bar"
    >
      <Link
        href="/me/stats"
        className="flex items-center gap-1.5 rounded-lg px-1 font-semibold hover:bg-muted"
        data-testid="streak-badge"
        data-streak={streak.current}
      >
        <Flame
          className={
            streak.current > 0 ? "h-5 w-5 text-orange-600 dark:text-orange-400" : "h-5 w-5 text-muted"
          }
          aria-hidden
        />
        <span>{streak.current > 0 ? t("streak", { n: streak.current }) : t("noStreak")}</span>
        <span className="text-xs font-normal text-muted">{t("best", { n: streak.best })}</span>
        {streak.freezes > 0 ? (
          <span className="flex items-center gap-0.5 text-xs font-normal text-muted">
            <Snowflake className="h-3.5 w-3.5" aria-hidden />
            {t("freezes", { n: streak.freezes })}
          </span>
        ) : null}
      </Link>
      {today.tradingDay ? (
        <div
          className="ml-auto flex items-center gap-2"
          data-testid="goal"
          data-done={today.calls}
          data-goal={today.goal}
        >
          <GoalRing
            done={today.calls}
            goal={today.goal}
            label={t("goalAria", { done: today.calls, goal: today.goal })}
          />
          <span className="text-xs text-muted">
            {today.calls >= today.goal ? t("goalMet") : t("goal", { done: today.calls, goal: today.goal })}
          </span>
        </div>
      ) : null}
    </div>
  );
}
