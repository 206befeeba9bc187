"use client";

import { useLocale, useTranslations } from "next-intl";
import type { Locale } from "@/lib/i18n/config";
import { kstDateTime } from "@/lib/i18n/kst-format";
import type { SessionStatusJson } from "@/lib/sessions/status";
import { Countdown } from "./countdown";
import { LocalTime } from "./local-time";
import { Badge } from "./ui/badge";
import { Button } from "./ui/button";
import { Card } from "./ui/card";

/**
 * Session status: trading day, phase, and a live countdown to the cutoff or to the next open.
 * The board shows it until the player has seen it for the day (`onDismiss`), then only its
 * compact bar.
 */
export function SessionStatusCard({
  status,
  onDismiss,
}: {
  status: SessionStatusJson;
  onDismiss?: () => void;
}) {
  const t = useTranslations("session");
  const tb = useTranslations("board.intro");
  const locale = useLocale() as Locale;
  const serverNow = Date.parse(status.serverTime);
  const counting = status.acceptingPredictions && status.closesAt ? status.closesAt : status.nextOpenAt;
  const headline =
    status.closedReason === "holiday"
      ? t("marketClosedHoliday", { holiday: locale === "ko" ? status.holiday!.ko : status.holiday!.en })
      : status.closedReason === "weekend"
        ? t("marketClosedWeekend")
        : status.acceptingPredictions
          ? null
          : t("closedForToday");

  return (
    <Card aria-labelledby="session-title" data-testid="session-card" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="session-title" className="text-lg font-bold">
          {t("title")}
        </h2>
        <div className="flex gap-2">
          <Badge
            tone={status.phase === "OPEN" && status.acceptingPredictions ? "open" : "closed"}
            data-testid="session-phase"
          >
            {status.closedReason ? t("phase.CLOSED") : t(`phase.${status.phase}`)}
          </Badge>
          <Badge tone="neutral">{t(`marketState.${status.marketState}`)}</Badge>
        </div>
      </div>

      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
        <dt className="text-muted">{t("tradingDay")}</dt>
        <dd className="font-semibold" data-testid="trading-day">
          {status.tradingDay ?? "—"}
        </dd>
        {!status.tradingDay || !status.acceptingPredictions ? (
          <>
            <dt className="text-muted">{t("nextTradingDay")}</dt>
            <dd className="font-semibold" data-testid="next-trading-day">
              {status.nextTradingDay}
            </dd>
          </>
        ) : null}
      </dl>

      {headline ? (
        <p className="text-xl font-bold" data-testid="session-headline">
          {headline}
        </p>
      ) : null}

      <Countdown
        key={counting}
        target={Date.parse(counting)}
        serverNow={serverNow}
        label={status.acceptingPredictions ? t("closesIn") : t("opensIn")}
      />

      <div className="flex flex-col gap-1 text-sm">
        <span data-testid="kst-time">
          <span className="text-muted">
            {status.acceptingPredictions ? t("cutoff") : t("nextOpen")} ({t("kst")}):{" "}
          </span>
          {kstDateTime(counting, locale)}
        </span>
        <LocalTime iso={counting} />
      </div>
      {onDismiss ? (
        <Button
          variant="outline"
          size="sm"
          className="self-end"
          onClick={onDismiss}
          data-testid="session-card-dismiss"
        >
          {tb("gotIt")}
        </Button>
      ) : null}
    </Card>
  );
}
