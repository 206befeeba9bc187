import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { Board } from "@/components/board/board";
import { ServerTimeProvider } from "@/components/server-time";
import { SessionStatusCard } from "@/components/session-status-card";
import { getDb } from "@/db";
import { optionalUser } from "@/lib/auth/guards";
import { loadBoard } from "@/lib/board/board";
import { appClock } from "@/lib/clock";
import { appPriceProvider } from "@/lib/prices/app-provider";
import { cancelCallAction, changeCallAction, completeAdAction, startAdAction, submitCallAction } from "./actions";

export default async function BoardPage() {
  await connection();
  const t = await getTranslations("app");
  const db = await getDb();
  const now = appClock.now();
  const user = await optionalUser(db);
  const board = await loadBoard(db, { userId: user?.id ?? null, now, provider: appPriceProvider() });
  return (
    <ServerTimeProvider serverNow={now.getTime()}>
      <div className="flex flex-col gap-6">
        <p className="text-sm text-muted">{t("tagline")}</p>
        <SessionStatusCard status={board.session} />
        <Board
          initial={board}
          signedIn={user !== null}
          actions={{
            submitCall: submitCallAction,
            changeCall: changeCallAction,
            cancelCall: cancelCallAction,
            startAd: startAdAction,
            completeAd: completeAdAction,
          }}
        />
      </div>
    </ServerTimeProvider>
  );
}
