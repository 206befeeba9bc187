import "server-only";
/**
 * The push job's work (SPEC §12): each trading day, a reminder at the time the player picked
 * ("1 hour left, 2 calls unused": the calls still missing from their daily goal) while the session is open, and the day's results once it is
 * settled; nothing inside the player's quiet hours. One decision per player, kind and day is
 * claimed in `push_deliveries` before anything is sent (this module is its only writer), so a
 * duplicate run or two instances never push twice. Subscriptions the push service calls gone
 * (404/410) are removed.
 */
import { and, eq, sql } from "drizzle-orm";
import { createTranslator } from "next-intl";
import { rowsOf, type Database } from "@/db/client";
import { loopDays, pushDeliveries } from "@/db/schema";
import { formatKst, sessionCutoffAt, sessionOpenAt, tradingDayAt, type DayString } from "@/lib/calendar";
import { isLocale, type Locale } from "@/lib/i18n/config";
import en from "@/messages/en.json";
import ko from "@/messages/ko.json";
import { sendPush, type PushMessage } from "./send";
import { dropPushSubscriptions, markPushSent, pushConfigured, subscriptionsOf } from "./subscriptions";

/** Results are pushed within this long of the day being recorded; after that they are old news. */
const RESULTS_WINDOW_MS = 12 * 3_600_000;

export function inQuietHours(hhmm: string, from: string | null, until: string | null): boolean {
  if (!from || !until) return false;
  return from < until ? hhmm >= from && hhmm < until : hhmm >= from || hhmm < until;
}

const translator = (locale: Locale) =>
  createTranslator({ locale, messages: locale === "en" ? en : ko, namespace: "loop.push" });

export function reminderMessage(locale: Locale, minutesLeft: number, unused: number): PushMessage {
  const t = translator(locale);
  const hours = Math.floor(minutesLeft / 60);
  const minutes = minutesLeft % 60;
  const body =
    hours === 0
      ? t("reminderMinutes", { minutes, unused })
      : minutes === 0
        ? t("reminderHours", { hours, unused })
        : t("reminderHoursMinutes", { hours, minutes, unused });
  return { title: t("reminderTitle"), body, url: "/", tag: "reminder" };
}

export function resultsMessage(
  locale: Locale,
  r: { day: DayString; correct: number; settled: number; points: number; streak: number },
): PushMessage {
  const t = translator(locale);
  return {
    title: t("resultsTitle", { date: `${Number(r.day.slice(5, 7))}/${Number(r.day.slice(8, 10))}` }),
    body: t("resultsBody", r),
    url: "/",
    tag: `results-${r.day}`,
  };
}

type Due = { user_id: string; quiet_from: string | null; quiet_until: string | null; locale: string };
type DueReminder = Due & { day: DayString; unused: number };
const localeOf = (v: string): Locale => (isLocale(v) ? v : "ko");

function openDayAt(now: Date): DayString | null {
  const day = tradingDayAt(now);
  return day && now >= sessionOpenAt(day) && now < sessionCutoffAt(day) ? day : null;
}

/** Reminders due now: the chosen time has come, not sent yet; with the calls left to the player's daily goal. */
async function dueReminders(db: Database, now: Date, limit: number): Promise<DueReminder[]> {
  const day = openDayAt(now);
  if (!day) return [];
  const rows = rowsOf<Due & { unused: number }>(
    await db.execute(sql`
      select ls.user_id::text as user_id, ls.quiet_from, ls.quiet_until, ls.locale,
        greatest(0, ls.daily_goal - (select count(*) from predictions p
          where p.user_id = ls.user_id and p.trading_day = ${day} and p.status <> 'CANCELLED'))::int as unused
      from loop_settings ls
      where ls.reminder_at is not null and ls.reminder_at <= ${formatKst(now, "HH:mm")}
        and exists (select 1 from push_subscriptions s where s.user_id = ls.user_id)
        and not exists (select 1 from push_deliveries d
          where d.user_id = ls.user_id and d.kind = 'reminder' and d.trading_day = ${day})
      order by ls.user_id limit ${limit}::int`),
  );
  return rows.map((r) => ({ ...r, day, unused: Number(r.unused) }));
}

type DueResult = Due & { day: DayString; correct: number; settled: number; points: number; streak: number };

async function dueResults(db: Database, now: Date, limit: number): Promise<DueResult[]> {
  const [latest] = await db
    .select()
    .from(loopDays)
    .orderBy(sql`${loopDays.tradingDay} desc`)
    .limit(1);
  if (!latest || now.getTime() - latest.recordedAt.getTime() > RESULTS_WINDOW_MS) return [];
  const day = latest.tradingDay;
  const rows = rowsOf<Omit<DueResult, "day">>(
    await db.execute(sql`
      select ls.user_id::text as user_id, ls.quiet_from, ls.quiet_until, ls.locale,
        ps.correct, ps.settled, ps.points, coalesce(st.current, 0) as streak
      from loop_settings ls
      join player_stats ps on ps.user_id = ls.user_id and ps.period = 'day' and ps.period_start = ${day}
      left join player_streaks st on st.user_id = ls.user_id and st.last_day = ${day}
      where ls.results_push
        and exists (select 1 from push_subscriptions s where s.user_id = ls.user_id)
        and not exists (select 1 from push_deliveries d
          where d.user_id = ls.user_id and d.kind = 'results' and d.trading_day = ${day})
      order by ls.user_id limit ${limit}::int`),
  );
  return rows.map((r) => ({
    ...r,
    day,
    correct: Number(r.correct),
    settled: Number(r.settled),
    points: Number(r.points),
    streak: Number(r.streak),
  }));
}

/** Whether the job has anything to do now (its plan asks this, so idle ticks record nothing). */
export async function pushWorkDue(db: Database, now: Date): Promise<boolean> {
  if (!pushConfigured()) return false;
  return (await dueReminders(db, now, 1)).length > 0 || (await dueResults(db, now, 1)).length > 0;
}

export type PushRunResult = { sent: number; skipped: number; failed: number; gone: number; waiting: number };

/** Claim the decision for (user, kind, day); false when another run already made it. */
async function claim(
  db: Database,
  key: { userId: string; kind: "reminder" | "results"; day: DayString },
  status: "sent" | "skipped",
  detail: string | null,
  now: Date,
) {
  const rows = await db
    .insert(pushDeliveries)
    .values({ userId: key.userId, kind: key.kind, tradingDay: key.day, status, detail, createdAt: now })
    .onConflictDoNothing()
    .returning({ userId: pushDeliveries.userId });
  return rows.length > 0;
}

async function deliver(
  db: Database,
  userId: string,
  message: PushMessage,
  ttl: number,
  now: Date,
  r: PushRunResult,
  key: { kind: "reminder" | "results"; day: DayString },
) {
  const subs = await subscriptionsOf(db, [userId]);
  const outcomes = await Promise.all(subs.map((s) => sendPush(s, message, ttl)));
  const gone = subs.filter((_, i) => outcomes[i] === "gone").map((s) => s.id);
  const sent = subs.filter((_, i) => outcomes[i] === "sent").map((s) => s.id);
  await dropPushSubscriptions(db, gone);
  await markPushSent(db, sent, now);
  r.gone += gone.length;
  if (sent.length > 0) r.sent += 1;
  else {
    r.failed += 1;
    await db
      .update(pushDeliveries)
      .set({ status: "failed", detail: gone.length ? "subscription gone" : "push service refused" })
      .where(
        and(
          eq(pushDeliveries.userId, userId),
          eq(pushDeliveries.kind, key.kind),
          eq(pushDeliveries.tradingDay, key.day),
        ),
      );
  }
  await db
    .update(pushDeliveries)
    .set({ sent: sent.length })
    .where(
      and(
        eq(pushDeliveries.userId, userId),
        eq(pushDeliveries.kind, key.kind),
        eq(pushDeliveries.tradingDay, key.day),
      ),
    );
}

export async function sendDuePushes(db: Database, now: Date, batch = 500): Promise<PushRunResult> {
  const r: PushRunResult = { sent: 0, skipped: 0, failed: 0, gone: 0, waiting: 0 };
  if (!pushConfigured()) return r;
  const hhmm = formatKst(now, "HH:mm");
  for (const due of await dueReminders(db, now, batch)) {
    const key = { userId: due.user_id, kind: "reminder" as const, day: due.day };
    if (inQuietHours(hhmm, due.quiet_from, due.quiet_until)) {
      if (await claim(db, key, "skipped", "quiet hours", now)) r.skipped += 1;
      continue;
    }
    const unused = due.unused;
    if (unused === 0) {
      if (await claim(db, key, "skipped", "daily goal reached", now)) r.skipped += 1;
      continue;
    }
    if (!(await claim(db, key, "sent", null, now))) continue;
    const left = sessionCutoffAt(due.day).getTime() - now.getTime();
    const message = reminderMessage(localeOf(due.locale), Math.max(1, Math.round(left / 60_000)), unused);
    await deliver(db, due.user_id, message, Math.max(60, Math.floor(left / 1000)), now, r, key);
  }
  for (const due of await dueResults(db, now, batch)) {
    // Inside quiet hours the results wait (no decision recorded) until they end.
    if (inQuietHours(hhmm, due.quiet_from, due.quiet_until)) {
      r.waiting += 1;
      continue;
    }
    const key = { userId: due.user_id, kind: "results" as const, day: due.day };
    if (!(await claim(db, key, "sent", null, now))) continue;
    await deliver(db, due.user_id, resultsMessage(localeOf(due.locale), due), 6 * 3600, now, r, key);
  }
  return r;
}
