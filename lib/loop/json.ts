/** The daily loop's public JSON shapes. Other players appear by nickname only (never an id). */
import type { BoardEntry, Leaderboard } from "./leaderboard";

function entryJson(e: BoardEntry, myId: string | null) {
  return {
    rank: e.rank,
    nickname: e.nickname,
    points: e.points,
    correct: e.correct,
    incorrect: e.incorrect,
    void: e.void,
    accuracy: e.accuracy,
    edge: e.edge,
    me: myId !== null && e.userId === myId,
  };
}

export type LeaderboardJson = ReturnType<typeof leaderboardJson>;

export function leaderboardJson(b: Leaderboard) {
  const myId = b.me?.entry?.userId ?? null;
  return {
    period: b.period,
    by: b.by,
    day: b.day,
    periodStart: b.periodStart,
    minCalls: b.minCalls,
    entries: b.entries.map((e) => entryJson(e, myId)),
    me: b.me
      ? {
          hidden: b.me.hidden,
          rank: b.me.rank,
          callsToQualify: b.me.callsToQualify,
          entry: b.me.entry ? entryJson(b.me.entry, myId) : null,
          neighbours: b.me.neighbours.map((e) => entryJson(e, myId)),
        }
      : null,
  };
}
