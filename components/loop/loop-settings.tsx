import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { appClock } from "@/lib/clock";
import type { User } from "@/db/schema";
import { env } from "@/lib/env";
import { myStreak } from "@/lib/loop/player";
import { getLoopSettings } from "@/lib/loop/settings";
import { myShares } from "@/lib/share/shares";
import { Card, CardTitle } from "../ui/card";
import { LoopSettingsForm } from "./loop-settings-form";
import { RevokeShare } from "./revoke-share";

/** The profile's daily-loop card: streak and badges, goal, hiding from boards, notifications, share links. */
export async function LoopSettings({ user }: { user: User }) {
  const db = await getDb();
  const [settings, streak, shares] = [
    await getLoopSettings(db, user.id),
    await myStreak(db, user.id, appClock.now()),
    await myShares(db, user.id),
  ];
  const t = await getTranslations("loop.settings");
  const ts = await getTranslations("loop.stats");
  const vapidKey = env().VAPID_PUBLIC_KEY ?? null;
  return (
    <Card className="flex flex-col gap-4" data-testid="loop-settings">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <CardTitle>{t("title")}</CardTitle>
        <Link href="/me/stats" className="text-sm underline">
          {t("stats")}
        </Link>
      </div>
      <p className="font-semibold" data-testid="profile-streak">
        🔥 {t("streak", { current: streak.current, best: streak.best, freezes: streak.freezes })}
      </p>
      {streak.badges.length ? (
        <p className="flex flex-wrap gap-2 text-sm">
          {streak.badges.map((b) => (
            <span key={b} className="rounded-full bg-muted px-2 py-0.5 font-semibold">
              🔥 {ts("badge", { n: b })}
            </span>
          ))}
        </p>
      ) : null}
      <LoopSettingsForm initial={settings} vapidKey={vapidKey} />
      <div className="flex flex-col gap-2">
        <h3 className="text-sm font-semibold">{t("shares")}</h3>
        {shares.length === 0 ? <p className="text-sm text-muted">{t("noShares")}</p> : null}
        <ul className="flex flex-col gap-1 text-sm">
          {shares.map((s) => (
            <li key={s.token} className="flex items-center justify-between gap-2">
              <Link href={`/s/${s.token}`} className="underline">
                {s.day}
              </Link>
              <RevokeShare token={s.token} />
            </li>
          ))}
        </ul>
      </div>
    </Card>
  );
}
