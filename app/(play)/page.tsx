import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { SessionStatusCard } from "@/components/session-status-card";
import { ServerTimeProvider } from "@/components/server-time";
import { getDb } from "@/db";
import { appClock } from "@/lib/clock";
import { getSessionStatus, sessionStatusJson } from "@/lib/sessions/status";

export default async function BoardPage() {
  await connection();
  const t = await getTranslations("app");
  const now = appClock.now();
  const status = sessionStatusJson(await getSessionStatus(await getDb(), now));
  return (
    <ServerTimeProvider serverNow={now.getTime()}>
      <div className="flex flex-col gap-6">
        <p className="text-sm text-muted">{t("tagline")}</p>
        <SessionStatusCard status={status} />
      </div>
    </ServerTimeProvider>
  );
}
