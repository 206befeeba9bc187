import { getFormatter, getTranslations } from "next-intl/server";
import type { LeaderboardJson } from "@/lib/loop/json";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { HeaderRow } from "../ui/table";

type Entry = LeaderboardJson["entries"][number];

/** The visible header's cells: rank, player, the metric, calls. */
const HEADING_CLASSES = ["px-2 py-2 text-right", "py-2 pr-2", "py-2 pr-2 text-right", "py-2 pr-2 text-right"];

/** The board: top rows, then the player's own place with their neighbours. */
export async function LeaderboardTable({ board, signedIn }: { board: LeaderboardJson; signedIn: boolean }) {
  const t = await getTranslations("loop.leaderboard");
  const format = await getFormatter();
  if (!board.day) return <Card className="text-sm text-muted">{t("empty")}</Card>;
  const pct = (v: number | null) =>
    v === null ? "–" : format.number(v, { style: "percent", maximumFractionDigits: 1 });
  const value = (e: Entry) =>
    board.by === "points"
      ? format.number(e.points)
      : board.by === "accuracy"
        ? pct(e.accuracy)
        : `${e.edge > 0 ? "+" : ""}${e.edge}`;
  const when =
    board.period === "all"
      ? t("periodOf.all")
      : board.period === "month"
        ? t("periodOf.month", { date: board.periodStart!.slice(0, 7) })
        : t(`periodOf.${board.period}`, { date: board.period === "week" ? board.periodStart! : board.day });
  const rows = (list: Entry[], testid: string) => (
    <tbody data-testid={testid}>
      {list.map((e) => (
        <tr
          key={`${testid}-${e.rank}-${e.nickname}`}
          className={cn("border-t border-subtle", e.me && "bg-muted font-semibold")}
          data-me={e.me || undefined}
        >
          <td className="px-2 py-2 text-right tabular-nums">{e.rank}</td>
          <td className="max-w-[12rem] truncate py-2 pr-2">
            <span translate="no">{e.nickname}</span>
            {e.me ? <span className="ml-1 text-xs text-muted">({t("you")})</span> : null}
          </td>
          <td className="py-2 pr-2 text-right tabular-nums">{value(e)}</td>
          <td className="py-2 pr-2 text-right text-muted tabular-nums">
            {e.correct}/{e.correct + e.incorrect}
          </td>
        </tr>
      ))}
    </tbody>
  );
  const headings = [t("rank"), t("player"), t(board.by), t("calls")];
  const me = board.me;
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-muted">
        {when} · {t(`metricHelp.${board.by}`, { min: board.minCalls ?? 0 })}
      </p>
      {me ? (
        <Card className="flex flex-col gap-2" data-testid="my-place">
          <h2 className="font-bold">{t("yourPlace")}</h2>
          {me.entry === null ? (
            <p className="text-sm text-muted">{t("notRanked")}</p>
          ) : me.rank === null ? (
            <p className="text-sm text-muted">{t("qualify", { n: me.callsToQualify })}</p>
          ) : (
            <>
              <p className="text-2xl font-extrabold" data-testid="my-rank" data-rank={me.rank}>
                {t("yourRank", { rank: me.rank })}
              </p>
              {me.hidden ? <p className="text-sm text-muted">{t("hidden", { rank: me.rank })}</p> : null}
              <table className="w-full text-sm">
                <caption className="sr-only">{t("yourPlace")}</caption>
                <thead className="sr-only">
                  <HeaderRow columns={headings.map((label) => ({ label }))} />
                </thead>
                {rows(me.neighbours, "neighbours")}
              </table>
            </>
          )}
        </Card>
      ) : signedIn ? null : (
        <p className="text-sm text-muted">{t("signInForRank")}</p>
      )}
      <Card className="overflow-x-auto p-0 sm:p-0" tabIndex={0} role="region" aria-label={when}>
        <table className="w-full text-sm" data-testid="leaderboard">
          <caption className="sr-only">{when}</caption>
          <thead>
            <HeaderRow
              className="text-left text-xs text-muted"
              columns={headings.map((label, i) => ({ label, className: HEADING_CLASSES[i] }))}
            />
          </thead>
          {board.entries.length ? rows(board.entries, "leaderboard-rows") : null}
        </table>
        {board.entries.length === 0 ? <p className="p-4 text-sm text-muted">{t("empty")}</p> : null}
      </Card>
    </div>
  );
}
