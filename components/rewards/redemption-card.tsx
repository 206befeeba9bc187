import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { PlayerRedemption } from "@/lib/rewards/queries";
import { KST_DATE_TIME } from "@/lib/i18n/kst-format";
import { Badge } from "../ui/badge";
import { cn } from "../ui/cn";
import { CancelRedemptionButton } from "./cancel-redemption-button";
import { CopyCode } from "./copy-code";
import { RewardImage } from "./reward-image";
import { localized } from "./types";

const tone = { PENDING: "warn", ISSUED: "open", FAILED: "neutral", CANCELLED: "closed" } as const;
const failedBadge = "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200";

/** One redemption in the player's history: what, when, where it stands, and what came back. */
export async function RedemptionCard({ redemption: r }: { redemption: PlayerRedemption }) {
  const t = await getTranslations("redemptions");
  const format = await getFormatter();
  const locale = await getLocale();
  const when = (d: Date) => format.dateTime(d, KST_DATE_TIME);
  const points = format.number(r.cost);

  return (
    <article
      data-testid={`redemption-${r.id}`}
      data-status={r.status}
      className="flex gap-3 rounded-2xl border border-subtle bg-card p-3 shadow-sm sm:p-4"
    >
      <RewardImage src={r.item.imageUrl} alt="" sizes="80px" className="w-20 shrink-0 self-start sm:w-24" />
      <div className="flex min-w-0 flex-1 flex-col gap-1.5">
        <div className="flex items-start justify-between gap-2">
          <h2 className="min-w-0 leading-snug font-bold break-keep" data-testid="redemption-name">
            {localized(r.item, locale)}
          </h2>
          <Badge
            tone={tone[r.status]}
            className={cn(r.status === "FAILED" && failedBadge)}
            data-testid="redemption-status"
          >
            {t(`status.${r.status}`)}
          </Badge>
        </div>
        <p className="flex flex-wrap items-center gap-x-2 text-xs text-muted tabular-nums">
          <span
            className={cn("font-semibold text-[var(--foreground)]", r.refunded && "line-through opacity-60")}
          >
            {t("spent", { points })}
          </span>
          <time dateTime={r.createdAt.toISOString()}>{t("requested", { time: when(r.createdAt) })}</time>
        </p>

        {r.status === "PENDING" ? (
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm text-muted">{t("pendingHint")}</p>
            <CancelRedemptionButton redemptionId={r.id} cost={r.cost} />
          </div>
        ) : null}

        {r.status === "ISSUED" ? (
          <div className="flex flex-col gap-1.5">
            {r.code ? <CopyCode code={r.code} /> : null}
            {r.note ? (
              <p className="text-sm">
                <span className="text-muted">{t("note")}: </span>
                {r.note}
              </p>
            ) : null}
            {r.issuedAt ? (
              <p className="text-xs text-muted">{t("issuedAt", { time: when(r.issuedAt) })}</p>
            ) : null}
          </div>
        ) : null}

        {r.refunded ? (
          <div className="flex flex-col gap-1">
            <p className="text-sm font-bold text-up tabular-nums" data-testid="redemption-refund">
              +{t("refunded", { points })}
            </p>
            {r.failureReason ? (
              <p className="text-sm" data-testid="redemption-reason">
                <span className="text-muted">{t("reason")}: </span>
                {r.failureReason}
              </p>
            ) : null}
            {r.closedAt ? (
              <p className="text-xs text-muted">{t("closedAt", { time: when(r.closedAt) })}</p>
            ) : null}
          </div>
        ) : null}
      </div>
    </article>
  );
}
