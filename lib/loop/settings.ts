import "server-only";
/** The player's daily-loop settings (`loop_settings`): daily goal, hiding from boards, reminders, quiet hours. */
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { loopSettings, type LoopSettings } from "@/db/schema";
import type { Locale } from "@/lib/i18n/config";
import { forgetBoards } from "./leaderboard";
import { setHiddenOnBoards } from "./record-day";
import type { LoopSettingsInput } from "./schemas";

export const DEFAULT_DAILY_GOAL = 3;

export type LoopSettingsView = {
  dailyGoal: number;
  hideFromBoards: boolean;
  reminderAt: string | null;
  resultsPush: boolean;
  quietFrom: string | null;
  quietUntil: string | null;
};

export const DEFAULT_SETTINGS: LoopSettingsView = {
  dailyGoal: DEFAULT_DAILY_GOAL,
  hideFromBoards: false,
  reminderAt: null,
  resultsPush: false,
  quietFrom: null,
  quietUntil: null,
};

export function settingsView(row: LoopSettings | undefined | null): LoopSettingsView {
  if (!row) return DEFAULT_SETTINGS;
  return {
    dailyGoal: row.dailyGoal,
    hideFromBoards: row.hideFromBoards,
    reminderAt: row.reminderAt,
    resultsPush: row.resultsPush,
    quietFrom: row.quietFrom,
    quietUntil: row.quietUntil,
  };
}

export async function getLoopSettingsRow(db: Database, userId: string): Promise<LoopSettings | undefined> {
  const [row] = await db.select().from(loopSettings).where(eq(loopSettings.userId, userId));
  return row;
}

export async function getLoopSettings(db: Database, userId: string): Promise<LoopSettingsView> {
  return settingsView(await getLoopSettingsRow(db, userId));
}

/**
 * Change some settings (the rest keep their value). Hiding from boards is copied onto the
 * player's aggregate rows in the same transaction, so the boards agree at once.
 */
export async function updateLoopSettings(
  db: Database,
  input: { userId: string; patch: LoopSettingsInput; locale?: Locale; now: Date },
): Promise<LoopSettingsView> {
  const { userId, patch, now } = input;
  const view = await db.transaction(async (tx) => {
    const values = {
      ...(patch.dailyGoal !== undefined ? { dailyGoal: patch.dailyGoal } : {}),
      ...(patch.hideFromBoards !== undefined ? { hideFromBoards: patch.hideFromBoards } : {}),
      ...(patch.reminderAt !== undefined ? { reminderAt: patch.reminderAt } : {}),
      ...(patch.resultsPush !== undefined ? { resultsPush: patch.resultsPush } : {}),
      ...(patch.quiet !== undefined
        ? { quietFrom: patch.quiet?.from ?? null, quietUntil: patch.quiet?.until ?? null }
        : {}),
      ...(input.locale ? { locale: input.locale } : {}),
      updatedAt: now,
    };
    const [row] = await tx
      .insert(loopSettings)
      .values({ userId, ...values })
      .onConflictDoUpdate({ target: loopSettings.userId, set: values })
      .returning();
    if (patch.hideFromBoards !== undefined) await setHiddenOnBoards(tx, userId, patch.hideFromBoards);
    return settingsView(row);
  });
  if (patch.hideFromBoards !== undefined) forgetBoards();
  return view;
}

/** Remember that the player saw the morning reveal of `day` (and the rank shown with it). */
export async function markRevealSeen(
  db: Database,
  input: { userId: string; day: string; rank: number | null; now: Date },
): Promise<void> {
  await db
    .insert(loopSettings)
    .values({
      userId: input.userId,
      revealSeenDay: input.day,
      revealSeenRank: input.rank,
      updatedAt: input.now,
    })
    .onConflictDoUpdate({
      target: loopSettings.userId,
      set: { revealSeenDay: input.day, revealSeenRank: input.rank, updatedAt: input.now },
      setWhere: sql`${loopSettings.revealSeenDay} is null or ${loopSettings.revealSeenDay} < ${input.day}`,
    });
}
