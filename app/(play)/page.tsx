import { cookies } from "next/headers";
import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { Board, SESSION_SEEN_COOKIE } from "@/components/board/board";
import { DailyLoop } from "@/components/loop/daily-loop";
import { SegmentMessages } from "@/components/segment-messages";
import { ServerTimeProvider } from "@/components/server-time";
import { getDb } from "@/db";
import { optionalUser } from "@/lib/auth/guards";
import { loadBoard } from "@/lib/board/board";
import { appClock } from "@/lib/clock";
import { isLocale } from "@/lib/i18n/config";
import { UPDOWN_COOKIE, upDownOf } from "@/lib/i18n/updown";
import { appPriceProvider } from "@/lib/prices/app-provider";

export default async function BoardPage() {
  await connection();
  const t = await getTranslations("app");
  const rawLocale = await getLocale();
  const locale = isLocale(rawLocale) ? rawLocale : "ko";
  const jar = await cookies();
  const db = await getDb();
  const now = appClock.now();
  const user = await optionalUser(db);
  const board = await loadBoard(db, { userId: user?.id ?? null, now, provider: appPriceProvider(), locale });
  return (
    <SegmentMessages segment="board">
      <ServerTimeProvider serverNow={now.getTime()}>
        <div className="flex flex-col gap-4">
          <p className="text-sm text-muted">{t("tagline")}</p>
          <Board
            initial={board}
            signedIn={user !== null}
            showIntro={jar.get(SESSION_SEEN_COOKIE)?.value !== board.boardDay}
            upDown={upDownOf(locale, jar.get(UPDOWN_COOKIE)?.value)}
            barExtras={user ? <DailyLoop /> : null}
          />
        </div>
      </ServerTimeProvider>
    </SegmentMessages>
  );
}
