import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { StatsView } from "@/components/loop/stats-view";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db";
import { appClock } from "@/lib/clock";
import { requireUserPage } from "@/lib/auth/pages";
import { myStreak } from "@/lib/loop/player";
import { myStats } from "@/lib/loop/stats";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("loop.stats");
  return { title: t("title") };
}

export default async function StatsPage() {
  const user = await requireUserPage("/me/stats");
  const db = await getDb();
  const now = appClock.now();
  const [stats, streak] = [await myStats(db, user.id, now), await myStreak(db, user.id, now)];
  const t = await getTranslations("loop.stats");
  const ts = await getTranslations("loop.settings");
  const format = await getFormatter();
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-extrabold tracking-tight">{t("title")}</h1>
      <Card className="flex flex-col gap-1" data-testid="stats-summary">
        <p className="font-semibold">
          {ts("streak", { current: streak.current, best: streak.best, freezes: streak.freezes })}
        </p>
        <p className="text-sm text-muted">
          {t("summary", {
            settled: stats.totals.settled,
            accuracy:
              stats.totals.accuracy === null
                ? "–"
                : format.number(stats.totals.accuracy, { style: "percent", maximumFractionDigits: 1 }),
            points: format.number(stats.totals.points),
          })}
        </p>
        {streak.badges.length ? (
          <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="badges">
            <span className="text-muted">{t("badges")}</span>
            {streak.badges.map((b) => (
              <span key={b} className="rounded-full bg-muted px-2 py-0.5 font-semibold">
                🔥 {t("badge", { n: b })}
              </span>
            ))}
          </p>
        ) : null}
      </Card>
      {stats.days.length === 0 ? (
        <Card className="text-sm text-muted">{t("empty")}</Card>
      ) : (
        <StatsView stats={stats} />
      )}
    </div>
  );
}
