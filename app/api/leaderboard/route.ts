import { optionalUser } from "@/lib/auth/guards";
import { parseTradingDay } from "@/lib/calendar";
import { route } from "@/lib/http/route";
import { loadLeaderboard } from "@/lib/loop/leaderboard";
import { leaderboardJson } from "@/lib/loop/json";
import { leaderboardQuerySchema } from "@/lib/loop/schemas";

export const dynamic = "force-dynamic";

/**
 * `GET /api/leaderboard?period=day|week|month|all&by=points|accuracy|edge&day=YYYY-MM-DD`: the top
 * 50 and, for a signed-in player, their own rank and neighbours. `day` picks the period (default:
 * the latest settled day).
 */
export const GET = route(
  { auth: "public", query: leaderboardQuerySchema, rateLimit: "public-reads" },
  async ({ db, query, now }) => {
    const day = query.day === undefined ? undefined : parseTradingDay(query.day, { field: "day" });
    const user = await optionalUser(db);
    return leaderboardJson(
      await loadLeaderboard(db, { period: query.period, by: query.by, day, userId: user?.id ?? null, now }),
    );
  },
);
