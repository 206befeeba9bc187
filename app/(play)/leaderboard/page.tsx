import type { Metadata } from "next";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { LeaderboardTable } from "@/components/loop/leaderboard-table";
import { LeaderboardTabs } from "@/components/loop/leaderboard-tabs";
import { getDb } from "@/db";
import { appClock } from "@/lib/clock";
import { optionalUser } from "@/lib/auth/guards";
import { isTradingDay, isValidDayString } from "@/lib/calendar";
import { leaderboardJson } from "@/lib/loop/json";
import { loadLeaderboard } from "@/lib/loop/leaderboard";
import { leaderboardQuerySchema } from "@/lib/loop/schemas";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("loop.leaderboard");
  return { title: t("title") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function LeaderboardPage({ searchParams }: { searchParams: Search }) {
  await connection();
  const raw = await searchParams;
  const parsed = leaderboardQuerySchema.safeParse({
    period: typeof raw.period === "string" ? raw.period : undefined,
    by: typeof raw.by === "string" ? raw.by : undefined,
    day: typeof raw.day === "string" ? raw.day : undefined,
  });
  const q = parsed.success ? parsed.data : leaderboardQuerySchema.parse({});
  const day = q.day && isValidDayString(q.day) && isTradingDay(q.day) ? q.day : undefined;
  const db = await getDb();
  const user = await optionalUser(db);
  const board = leaderboardJson(
    await loadLeaderboard(db, {
      period: q.period,
      by: q.by,
      day,
      userId: user?.id ?? null,
      now: appClock.now(),
    }),
  );
  const t = await getTranslations("loop.leaderboard");
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-4">
      <div>
        <h1 className="text-2xl font-extrabold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted">{t("subtitle")}</p>
      </div>
      <LeaderboardTabs period={q.period} by={q.by} day={day} />
      <LeaderboardTable board={board} signedIn={user !== null} />
    </div>
  );
}
