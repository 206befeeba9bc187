import { getDb } from "@/db";
import { optionalUser } from "@/lib/auth/guards";
import { appClock } from "@/lib/clock";
import { myStreak, pendingReveal, todayProgress } from "@/lib/loop/player";
import { LoopBar } from "./loop-bar";
import { RevealLauncher } from "./reveal-launcher";

/**
 * The daily loop on the board: the streak badge and the daily-goal ring, and the morning reveal
 * of the latest settled day the first time the player comes back after it. Self-contained (it
 * reads its own data); renders nothing for anonymous visitors.
 */
export async function DailyLoop() {
  const db = await getDb();
  const user = await optionalUser(db);
  if (!user) return null;
  const now = appClock.now();
  const [streak, today, reveal] = [
    await myStreak(db, user.id, now),
    await todayProgress(db, user.id, now),
    await pendingReveal(db, user.id, now),
  ];
  return (
    <>
      <LoopBar initial={{ streak, today }} />
      {reveal ? <RevealLauncher reveal={reveal} /> : null}
    </>
  );
}
